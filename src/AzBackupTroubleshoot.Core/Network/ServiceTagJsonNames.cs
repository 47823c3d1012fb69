using System.Text.Json;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>The property names of a Service Tags document that <see cref="ServiceTagFileReader"/> acts on.</summary>
    internal enum JsonName
    {
        Other,
        ChangeNumber,
        Cloud,
        Type,
        Values,
        Value,
        Responses,
        Ok,
        Body,
        Name,
        Id,
        Properties,
        Region,
        RegionId,
        Platform,
        SystemService,
        AddressPrefixes,
        NetworkFeatures,
    }

    /// <summary>Tells a property name from its UTF-8 bytes, without a string per property (names are case-sensitive).</summary>
    internal static class JsonNames
    {
        /// <summary>The name of the property the reader is on.</summary>
        public static JsonName Of(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped || reader.HasValueSequence)
            {
                return OfText(reader.GetString() ?? string.Empty);
            }

            var n = reader.ValueSpan;
            switch (n.Length)
            {
                case 2:
                    return n.SequenceEqual("id"u8) ? JsonName.Id : JsonName.Other;
                case 3:
                    return n.SequenceEqual("200"u8) ? JsonName.Ok : JsonName.Other;
                case 4:
                    return n.SequenceEqual("name"u8) ? JsonName.Name : n.SequenceEqual("type"u8) ? JsonName.Type : n.SequenceEqual("body"u8) ? JsonName.Body : JsonName.Other;
                case 5:
                    return n.SequenceEqual("cloud"u8) ? JsonName.Cloud : n.SequenceEqual("value"u8) ? JsonName.Value : JsonName.Other;
                case 6:
                    return n.SequenceEqual("region"u8) ? JsonName.Region : n.SequenceEqual("values"u8) ? JsonName.Values : JsonName.Other;
                case 8:
                    return n.SequenceEqual("regionId"u8) ? JsonName.RegionId : n.SequenceEqual("platform"u8) ? JsonName.Platform : JsonName.Other;
                case 9:
                    return n.SequenceEqual("responses"u8) ? JsonName.Responses : JsonName.Other;
                case 10:
                    return n.SequenceEqual("properties"u8) ? JsonName.Properties : JsonName.Other;
                case 12:
                    return n.SequenceEqual("changeNumber"u8) ? JsonName.ChangeNumber : JsonName.Other;
                case 13:
                    return n.SequenceEqual("systemService"u8) ? JsonName.SystemService : JsonName.Other;
                case 15:
                    return n.SequenceEqual("addressPrefixes"u8) ? JsonName.AddressPrefixes : n.SequenceEqual("networkFeatures"u8) ? JsonName.NetworkFeatures : JsonName.Other;
                default:
                    return JsonName.Other;
            }
        }

        private static JsonName OfText(string name)
        {
            switch (name)
            {
                case "id": return JsonName.Id;
                case "200": return JsonName.Ok;
                case "name": return JsonName.Name;
                case "type": return JsonName.Type;
                case "body": return JsonName.Body;
                case "cloud": return JsonName.Cloud;
                case "value": return JsonName.Value;
                case "region": return JsonName.Region;
                case "values": return JsonName.Values;
                case "regionId": return JsonName.RegionId;
                case "platform": return JsonName.Platform;
                case "responses": return JsonName.Responses;
                case "properties": return JsonName.Properties;
                case "changeNumber": return JsonName.ChangeNumber;
                case "systemService": return JsonName.SystemService;
                case "addressPrefixes": return JsonName.AddressPrefixes;
                case "networkFeatures": return JsonName.NetworkFeatures;
                default: return JsonName.Other;
            }
        }
    }
}
