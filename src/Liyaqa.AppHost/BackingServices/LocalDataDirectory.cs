using System.Security.Cryptography;
using System.Text;

namespace Liyaqa.AppHost.BackingServices;

/// <summary>
/// Where the embedded PostgreSQL and Redis keep their files: <c>Liyaqa:DataDirectory</c> if set,
/// else the git-ignored <c>.data</c> folder at the repository root.
/// </summary>
internal static class LocalDataDirectory
{
    public const string Setting = "Liyaqa:DataDirectory";

    public static string Resolve(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration[Setting];
        var root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(builder.AppHostDirectory, "..", "..", ".data")
            : Path.Combine(builder.AppHostDirectory, configured));

        // As root, PostgreSQL runs as the postgres user, which must be able to walk down to its folder.
        // A checkout under a private home directory (e.g. /root) is not reachable: use /var/tmp instead.
        if (Environment.IsPrivilegedProcess && !OthersCanTraverse(Path.GetDirectoryName(root)!))
        {
            var fallback = Path.Combine("/var/tmp/liyaqa", ShortHash(root));
            Console.WriteLine($"Liyaqa: {root} is not reachable by the postgres user; embedded data goes to {fallback}.");
            root = fallback;
        }

        Directory.CreateDirectory(root);
        return root;
    }

    private static bool OthersCanTraverse(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (dir.Exists && (dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
}
