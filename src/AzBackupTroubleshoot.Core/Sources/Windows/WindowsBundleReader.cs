using System.IO.Compression;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// Recognises a Windows bundle (a zip with <see cref="WindowsLogBundleWriter.CaptureEntry"/> at its top) and reads the
    /// capture inside it, so a bundle is analysed exactly as the capture it holds.
    /// </summary>
    public static class WindowsBundleReader
    {
        /// <summary>
        /// True when <paramref name="path"/> is a Windows capture: an existing .json file, or a zip holding one (a Windows
        /// bundle). Folders and other zips are Linux roots and bundles.
        /// </summary>
        public static bool IsCapture(string path) =>
            !string.IsNullOrEmpty(path) && File.Exists(path) && (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || IsWindowsBundle(path));

        /// <summary>True when <paramref name="path"/> is a zip file holding a Windows capture.</summary>
        public static bool IsWindowsBundle(string path)
        {
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
            {
                return false;
            }

            try
            {
                using var stream = RegularFile.OpenRead(path);
                using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
                return zip.GetEntry(WindowsLogBundleWriter.CaptureEntry) != null;
            }
            catch (Exception ex) when (ex is InvalidDataException || ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>Reads a capture file (JSON) or the capture inside a Windows bundle.</summary>
        /// <exception cref="CaptureFormatException">The file cannot be read or does not hold a valid capture.</exception>
        public static CimCapture Load(string path) => IsWindowsBundle(path) ? ReadCapture(path) : CimCaptureSerializer.Load(path);

        /// <summary>Reads the capture inside a Windows bundle; errors name it as <c>bundle.zip!AzBackupTroubleshoot.capture.json</c>.</summary>
        /// <exception cref="CaptureFormatException">The bundle cannot be read, holds no capture, or the capture is not valid.</exception>
        public static CimCapture ReadCapture(string path)
        {
            var source = (path ?? throw new ArgumentNullException(nameof(path))) + "!" + WindowsLogBundleWriter.CaptureEntry;
            byte[] json;
            try
            {
                using var stream = RegularFile.OpenRead(path);
                using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
                var entry = zip.GetEntry(WindowsLogBundleWriter.CaptureEntry)
                    ?? throw new CaptureFormatException(CaptureFormatException.CaptureUnreadable, source, null, "the zip is not a Windows bundle: it holds no capture.");
                if (entry.Length > CaptureLimits.MaxBytes)
                {
                    throw new CaptureFormatException(CaptureFormatException.CaptureTooLarge, source, null,
                        $"the capture is {entry.Length} bytes, more than the {CaptureLimits.MaxBytes} a capture may have (CaptureLimits.MaxBytes); it is refused rather than read.");
                }

                using var content = entry.Open();
                json = StreamLimit.ReadAll(content, CaptureLimits.MaxBytes);
            }
            catch (Exception ex) when (ex is InvalidDataException || ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CaptureFormatException(CaptureFormatException.CaptureUnreadable, source, null, ex.Message, ex);
            }

            return CimCaptureSerializer.Parse(json, source);
        }
    }
}
