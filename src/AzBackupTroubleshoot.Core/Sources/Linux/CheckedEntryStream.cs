namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>
    /// Reads one zip entry within <see cref="ZipLimits"/>: it stops with <see cref="InvalidDataException"/> as soon as the entry
    /// expands past its declared size, the per-entry limit or the root's remaining total, and checks the CRC-32 when the
    /// entry has been read to its end.
    /// </summary>
    internal sealed class CheckedEntryStream : Stream
    {
        private readonly Stream _inner;
        private readonly string _name;
        private readonly long _declared;
        private readonly uint? _crc;
        private readonly long _limit;
        private readonly Crc32 _actual = new Crc32();

        public CheckedEntryStream(Stream inner, string name, long declaredLength, uint? crc, long remainingTotal)
        {
            _inner = inner;
            _name = name;
            _declared = declaredLength;
            _crc = crc;
            _limit = Math.Min(Math.Min(declaredLength, ZipLimits.MaxEntryBytes), remainingTotal);
        }

        /// <summary>The bytes read so far.</summary>
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = _inner.Read(buffer, offset, count);
            if (read > 0)
            {
                BytesRead += read;
                if (BytesRead > _limit)
                {
                    throw new InvalidDataException(BytesRead > _declared
                        ? $"'{_name}' expands past the {_declared} bytes its header declares (a zip bomb or a corrupt entry); reading stopped"
                        : $"'{_name}' expands past the decompression limit ({ZipLimits.MaxEntryBytes} bytes per entry, {ZipLimits.MaxTotalBytes} per bundle: ZipLimits); reading stopped");
                }

                _actual.Append(buffer, offset, read);
                return read;
            }

            if (BytesRead != _declared)
            {
                throw new InvalidDataException($"'{_name}' ends after {BytesRead} bytes but its header declares {_declared}");
            }

            if (_crc.HasValue && _actual.Value != _crc.Value)
            {
                throw new InvalidDataException($"'{_name}' fails its CRC-32 check (stored {_crc:x8}, computed {_actual.Value:x8}): the bundle is corrupt");
            }

            return 0;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
