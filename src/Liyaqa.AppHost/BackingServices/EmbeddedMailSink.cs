using Microsoft.Extensions.DependencyInjection;

namespace Liyaqa.AppHost.BackingServices;

/// <summary>
/// A local SMTP server that accepts every message and keeps it in a Maildir (Debian's python3-aiosmtpd),
/// so developers and tests read what the platform sends. Nothing leaves the machine.
/// </summary>
public sealed class EmbeddedMailSinkResource(string name, string command, string workingDirectory, string maildir)
    : EmbeddedServerResource(name, command, workingDirectory)
{
    /// <summary>Where the captured messages are: one file per message under <c>new/</c>.</summary>
    public string Maildir { get; } = maildir;

    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"smtp://{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}

internal static class EmbeddedMailSinkExtensions
{
    private const string Python = "/usr/bin/python3";

    public static IResourceBuilder<EmbeddedMailSinkResource> AddEmbeddedMailSink(this IDistributedApplicationBuilder builder, string name, string dataRoot)
    {
        if (!File.Exists(Python) || !Directory.Exists("/usr/lib/python3/dist-packages/aiosmtpd"))
        {
            throw new MissingPrerequisiteException("Liyaqa: the local mail sink needs python3-aiosmtpd: run `sudo apt-get install -y python3-aiosmtpd`.");
        }

        var workingDirectory = Path.Combine(dataRoot, "mail");
        var maildir = Path.Combine(workingDirectory, "maildir");
        Directory.CreateDirectory(workingDirectory);

        var resource = new EmbeddedMailSinkResource(name, Python, workingDirectory, maildir);
        var healthCheckKey = $"{name}-greets";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, ct => resource.AnswersAsync(say: null, "220", ct));

        return builder.AddResource(resource)
            .WithSupervisedEndpoint()
            .WithArgs(context =>
            {
                context.Args.Add("-m");
                context.Args.Add("aiosmtpd");
                context.Args.Add("-n");
                context.Args.Add("-l");
                context.Args.Add(ReferenceExpression.Create($"127.0.0.1:{resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"));
                context.Args.Add("-c");
                context.Args.Add("aiosmtpd.handlers.Mailbox");
                context.Args.Add(maildir);
            })
            .WithHealthCheck(healthCheckKey)
            .ExcludeFromManifest();
    }
}
