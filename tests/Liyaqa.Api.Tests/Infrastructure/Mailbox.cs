using System.Diagnostics;
using MimeKit;

namespace Liyaqa.Api.Tests.Infrastructure;

/// <summary>Reads what the local SMTP server received, as a person reads their inbox.</summary>
public static class Mailbox
{
    /// <summary>Every message received so far (the server writes one file per message into Maildir/new).</summary>
    public static List<MimeMessage> Received(this LiyaqaAppFixture app)
    {
        var folder = Path.Combine(app.Maildir, "new");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(file => MimeMessage.Load(file)).ToList()
            : [];
    }

    /// <summary>Waits for the first message to <paramref name="recipient"/>.</summary>
    public static async Task<MimeMessage> WaitForMailToAsync(this LiyaqaAppFixture app, string recipient, TimeSpan? patience = null) =>
        (await app.WaitForMailsToAsync(recipient, 1, patience))[0];

    /// <summary>Waits until <paramref name="count"/> messages reached <paramref name="recipient"/>, and returns them all.</summary>
    public static async Task<List<MimeMessage>> WaitForMailsToAsync(this LiyaqaAppFixture app, string recipient, int count, TimeSpan? patience = null)
    {
        var limit = patience ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var messages = app.Received().Where(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, recipient, StringComparison.OrdinalIgnoreCase))).ToList();
            if (messages.Count >= count)
            {
                return messages;
            }

            Assert.True(clock.Elapsed < limit, $"{messages.Count} of {count} mails to {recipient} within {limit.TotalSeconds} s");
            await Task.Delay(200);
        }
    }
}
