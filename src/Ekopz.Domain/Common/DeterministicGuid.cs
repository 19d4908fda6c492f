using System.Security.Cryptography;
using System.Text;

namespace Ekopz.Domain.Common;

/// <summary>
/// Name-based (RFC 4122 version 5) ids. Streams that exist once per koperasi (its settings, its
/// member numbering) get an id derived from the koperasi's slug, so no lookup is needed to find them
/// and two koperasi can never share one.
/// </summary>
public static class DeterministicGuid
{
    private static readonly Guid Namespace = new("6f1c2a8e-3b7d-4c59-9a0e-5d2f8b1e4c73");

    public static Guid Create(string name)
    {
        var ns = Namespace.ToByteArray(bigEndian: true);
        var input = Encoding.UTF8.GetBytes(name);
        var hash = SHA1.HashData([.. ns, .. input]);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
