using System.Runtime.Versioning;

// The tests run bash scripts and a PostgreSQL server as a Unix user.
[assembly: SupportedOSPlatform("linux")]
