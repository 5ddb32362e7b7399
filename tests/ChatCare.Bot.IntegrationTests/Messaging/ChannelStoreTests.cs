using ChatCare.Bot.Stores;
using ChatCare.Channels.Messaging;
using ChatCare.Core.Configuration;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.IntegrationTests.Messaging;

/// <summary>The LiteDB inbox and outbox on a real database file.</summary>
public sealed class ChannelStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ChatCareDatabase _database = new(Options.Create(new ChatCareOptions { DataDirectory = Directory.CreateTempSubdirectory("chatcare-store-").FullName }));

    public void Dispose() => _database.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Inbox_RefusesADuplicateKey_KeepsOrder_AndPurgesOnlyProcessedOldItems()
    {
        var inbox = new LiteDbChannelInbox(_database);
        Assert.True(await inbox.TryAddAsync(new("whatsapp", "msg:a", "whatsapp:1", InboxKinds.CustomerMessage, "{}", T0), Ct));
        Assert.False(await inbox.TryAddAsync(new("whatsapp", "msg:a", "whatsapp:1", InboxKinds.CustomerMessage, "{}", T0), Ct));
        Assert.True(await inbox.TryAddAsync(new("telegram", "msg:a", "telegram:1", InboxKinds.CustomerMessage, "{}", T0), Ct)); // keys are per channel
        Assert.True(await inbox.TryAddAsync(new("whatsapp", "status:x:read", "whatsapp:1", InboxKinds.Status, "{}", T0.AddHours(3)), Ct));

        var pending = await inbox.PendingAsync(10, Ct);
        Assert.Equal(["msg:a", "msg:a", "status:x:read"], pending.Select(p => p.Key));
        Assert.Equal(T0, await inbox.LastCustomerMessageAtAsync("whatsapp", "whatsapp:1", Ct)); // statuses do not open the window

        await inbox.MarkDoneAsync(pending[0].Sequence, null, Ct);
        Assert.Equal(1, await inbox.PurgeAsync(T0.AddDays(1), Ct));
        Assert.Equal(2, (await inbox.PendingAsync(10, Ct)).Count);
    }

    [Fact]
    public async Task Outbox_OffersOnlyTheOldestPendingMessageOfEachConversation_AndNeverDowngradesADelivery()
    {
        var outbox = new LiteDbChannelOutbox(_database);
        await outbox.EnqueueAsync("whatsapp", "whatsapp:1", ["a1", "a2"], T0, Ct);
        await outbox.EnqueueAsync("whatsapp", "whatsapp:2", ["b1"], T0, Ct);

        var due = await outbox.DueAsync(T0, 10, Ct);
        Assert.Equal(["a1", "b1"], due.Select(d => d.Payload));

        // a1 waits for its back-off: a2 must not overtake it.
        await outbox.RescheduleAsync(due[0].Id, DateTimeOffset.UtcNow.AddMinutes(5), "503", Ct);
        Assert.Equal(["b1"], (await outbox.DueAsync(DateTimeOffset.UtcNow, 10, Ct)).Select(d => d.Payload));

        await outbox.MarkSentAsync(due[1].Id, "wamid.b1", T0, Ct);
        await outbox.RecordDeliveryAsync("whatsapp", "wamid.b1", DeliveryStatus.Read, T0, null, Ct);
        var record = await outbox.RecordDeliveryAsync("whatsapp", "wamid.b1", DeliveryStatus.Delivered, T0, null, Ct);
        Assert.Equal(DeliveryStatus.Read, record!.Delivery);
        Assert.Null(await outbox.RecordDeliveryAsync("telegram", "wamid.b1", DeliveryStatus.Read, T0, null, Ct));

        Assert.Equal(1, await outbox.PurgeAsync(DateTimeOffset.UtcNow.AddDays(1), Ct)); // b1 only: a1 and a2 are still pending
        Assert.Equal(2, (await outbox.ListAsync("whatsapp", "whatsapp:1", Ct)).Count);
    }
}
