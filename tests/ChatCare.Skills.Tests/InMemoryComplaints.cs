using System.Collections.Concurrent;
using System.Globalization;
using ChatCare.Skills.Complaints;
using ChatCare.Skills.Privacy;

namespace ChatCare.Skills.Tests;

/// <summary>In-memory consent, complaint and data-rights stores for transcript tests; the consent rule is the production one (<see cref="ConsentGuard"/>).</summary>
public sealed class InMemoryComplaints : IConsentStore, IComplaintStore, IDataRightsStore, ITranscriptRetention, ILinkSigner
{
    private readonly ConcurrentDictionary<string, ConsentRecord> _consents = new();
    private readonly List<Complaint> _complaints = [];
    private readonly List<DataRightsRequest> _requests = [];

    public IReadOnlyCollection<ConsentRecord> Consents => [.. _consents.Values];

    public IReadOnlyList<Complaint> Complaints { get { lock (_complaints) { return [.. _complaints]; } } }

    public List<string> Anonymised { get; } = [];

    public Task RecordAsync(ConsentRecord record, CancellationToken cancellationToken)
    {
        _consents[record.Id] = record;
        return Task.CompletedTask;
    }

    public Task<ConsentRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_consents.TryGetValue(id, out var r) ? r : null);

    public Task AppendEventAsync(ConsentEvent consentEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<ConsentRecord>> ForConversationsAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ConsentRecord>>([.. _consents.Values.Where(c => conversationIds.Contains(c.ConversationId))]);

    public Task<Complaint> FileAsync(ComplaintFiling filing, CancellationToken cancellationToken)
    {
        ConsentGuard.Check(filing, filing.ConsentId is null ? null : _consents.GetValueOrDefault(filing.ConsentId));
        lock (_complaints)
        {
            if (_complaints.FirstOrDefault(c => c.Filing.DraftId == filing.DraftId) is { } existing)
            {
                return Task.FromResult(existing);
            }
            var code = string.Create(CultureInfo.InvariantCulture, $"R-{filing.Year}-{_complaints.Count(c => c.Filing.Year == filing.Year) + 1:D6}");
            var complaint = new Complaint(code, filing, [new ComplaintEvent(filing.FiledAt, "customer", ComplaintEventTypes.Filed, ComplaintStatuses.Received, null)]);
            _complaints.Add(complaint);
            return Task.FromResult(complaint);
        }
    }

    public Task<Complaint?> FindAsync(string code, CancellationToken cancellationToken) =>
        Task.FromResult(Complaints.FirstOrDefault(c => c.Code == code));

    public Task<IReadOnlyList<Complaint>> ListAsync(ComplaintFilter filter, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Complaint>>([.. Complaints]);

    public Task<Complaint?> AppendEventAsync(string code, ComplaintEvent complaintEvent, CancellationToken cancellationToken)
    {
        lock (_complaints)
        {
            var index = _complaints.FindIndex(c => c.Code == code);
            if (index < 0)
            {
                return Task.FromResult<Complaint?>(null);
            }
            _complaints[index] = _complaints[index] with { Events = [.. _complaints[index].Events, complaintEvent] };
            return Task.FromResult<Complaint?>(_complaints[index]);
        }
    }

    public Task<IReadOnlyList<Complaint>> FindBySubjectAsync(string email, string idNumber, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Complaint>>([.. Complaints.Where(c => c.Get(Core.Conversations.ComplaintField.Email) == email
            && c.Get(Core.Conversations.ComplaintField.IdNumber) == idNumber)]);

    public Task<DataRightsRequest> OpenAsync(DataRightsRequest request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            var opened = request with { Code = string.Create(CultureInfo.InvariantCulture, $"D-{request.Year}-{_requests.Count + 1:D6}") };
            _requests.Add(opened);
            return Task.FromResult(opened);
        }
    }

    // Both ports have FindAsync(string, CancellationToken); the data-rights one is implemented explicitly.
    Task<DataRightsRequest?> IDataRightsStore.FindAsync(string code, CancellationToken cancellationToken) =>
        Task.FromResult(_requests.FirstOrDefault(r => r.Code == code));

    public Task AppendEventAsync(string code, DataRightsEvent rightsEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<int> AnonymiseAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken)
    {
        Anonymised.AddRange(conversationIds);
        return Task.FromResult(conversationIds.Count);
    }

    public Task<int> PurgeOlderThanAsync(DateTimeOffset before, CancellationToken cancellationToken) => Task.FromResult(0);

    public string Link(string path, DateTimeOffset expires) => $"https://test.example{path}?exp={expires.ToUnixTimeSeconds()}&sig=test";

    public bool Verify(string path, long expires, string signature, DateTimeOffset now) => signature == "test";
}
