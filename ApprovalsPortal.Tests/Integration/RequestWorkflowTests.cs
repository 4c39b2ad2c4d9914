using System.Text.RegularExpressions;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Jobs;
using ApprovalsPortal.Features.Requests;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>Client requests through the real services and a real SQLite file, with a fake clock for links and reminders.</summary>
public sealed partial class RequestWorkflowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private readonly BeforeSaveHook hook = new();
    private PortalServices portal = default!;
    private PortalUser admin = default!;
    private PortalUser staff = default!;
    private PortalUser client = default!;
    private PortalUser partner = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) account;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(configure: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.ConfigureDbContext<ApprovalsPortal.Data.AppDbContext>(o => o.AddInterceptors(hook));
        });
        admin = await portal.CreateUserAsync(Roles.Admin, "admin@firm.test", "Ada Admin");
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        account = await portal.CreateAccountAsync(staff, "Questions Ltd");
        client = await portal.AddPortalContactAsync(staff, account.AccountId, "client@questions.test", "Cleo Client");
        partner = await portal.AddPortalContactAsync(staff, account.AccountId, "partner@questions.test", "Pat Partner");
        await using var db = portal.NewDb();
        invitationsUpTo = await db.OutboxMessages.MaxAsync(m => (long?)m.Id) ?? 0;
    }

    /// <summary>The contacts' invitations come first; the tests look at what follows.</summary>
    private long invitationsUpTo;

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private static readonly RequestQuestionDraft[] Questions =
    [
        new(QuestionType.Section, "About the year", "A few facts first."),
        new(QuestionType.ShortText, "Bank name", Required: true),
        new(QuestionType.Number, "Closing balance", Required: true),
        new(QuestionType.YesNo, "Any new loans?"),
        new(QuestionType.MultipleChoice, "Which apply?", Options: ["Rent", "Salary", "Dividends"]),
        new(QuestionType.FileUpload, "Bank statements", Required: true, ManyFiles: true),
    ];

    private RequestInput Input(IReadOnlyList<ThirdPartyInput>? people = null, int? jobId = null, bool reminders = true) =>
        new(account.AccountId, "Year-end questions", "A few answers, please.", jobId, Questions, people ?? [], new ReminderSettings(reminders, 3, 2), null);

    private Task<int> SendAsync(IReadOnlyList<ThirdPartyInput>? people = null, int? jobId = null) => portal.Get<RequestService>().CreateAsync(staff, Input(people, jobId));

    private RequestAnswering Answering => portal.Get<RequestAnswering>();

    private async Task<int> QuestionIdAsync(int requestId, string label)
    {
        await using var db = portal.NewDb();
        return await db.RequestQuestions.Where(q => q.ClientRequestId == requestId && q.Label == label).Select(q => q.Id).SingleAsync();
    }

    private async Task<List<Features.Email.OutboxMessage>> MailAsync()
    {
        await using var db = portal.NewDb();
        return await db.OutboxMessages.Where(m => m.Id > invitationsUpTo).OrderBy(m => m.Id).ToListAsync();
    }

    private async Task AnswerAllAsync(RequestAnswerer who, int requestId)
    {
        await Answering.SaveAnswerAsync(who, requestId, await QuestionIdAsync(requestId, "Bank name"), "Harbor Savings");
        await Answering.SaveAnswerAsync(who, requestId, await QuestionIdAsync(requestId, "Closing balance"), "1250,50");
        using var pdf = new MemoryStream(SampleFiles.Pdf());
        await Answering.AddFileAsync(who, requestId, await QuestionIdAsync(requestId, "Bank statements"), "March statement.pdf", pdf.Length, pdf);
    }

    [GeneratedRegex(@"/r/([A-Za-z0-9_-]{43})")]
    private static partial Regex LinkPattern();

    [Fact]
    public async Task Sending_to_the_account_emails_every_notified_contact_and_puts_the_request_on_top_of_pending_action()
    {
        var id = await SendAsync();

        var mail = await MailAsync();
        Assert.Equal(["client@questions.test", "partner@questions.test"], mail.Select(m => m.ToAddress).Order());
        Assert.All(mail, m => Assert.Equal("Please answer: Year-end questions", m.Subject));
        Assert.All(mail, m => Assert.Contains($"/portal/requests/{id}", m.HtmlBody));
        var todo = Assert.Single(await portal.Get<PendingActionService>().ListAsync(client));
        Assert.Equal((id, "request", $"/portal/requests/{id}"), (todo.ItemId, todo.Kind, todo.Href));
        Assert.Equal(MudBlazor.Icons.Material.Filled.QuestionAnswer, todo.Icon);

        var sheet = await Answering.OpenAsync(RequestAnswerer.ForClient(client), id);
        Assert.True(sheet.CanAnswer);
        Assert.Equal(RequestStatus.Pending, sheet.Status);
        Assert.Equal(["About the year", "Bank name", "Closing balance", "Any new loans?", "Which apply?", "Bank statements"], sheet.Questions.Select(q => q.Question.Label));
        Assert.Equal([0, 1, 2, 3, 4, 5], sheet.Questions.Select(q => q.Number));
    }

    [Fact]
    public async Task The_first_saved_answer_starts_the_request_and_locks_its_questions_but_not_its_reminders()
    {
        var id = await SendAsync();
        var requests = portal.Get<RequestService>();
        var edited = Input() with { Title = "Year-end questions (revised)", Questions = [.. Questions, new(QuestionType.Date, "Year end")] };
        await requests.EditAsync(staff, id, edited);
        Assert.Equal(7, (await requests.GetAsync(staff, id)).Questions.Count);

        await Answering.SaveAnswerAsync(RequestAnswerer.ForClient(client), id, await QuestionIdAsync(id, "Bank name"), "Harbor Savings");

        var details = await requests.GetAsync(staff, id);
        Assert.Equal(RequestStatus.InProgress, details.Status);
        Assert.Equal("Harbor Savings", details.Questions.Single(q => q.Question.Label == "Bank name").Value);
        Assert.Equal("Cleo Client", details.Questions.Single(q => q.Question.Label == "Bank name").AnsweredByName);
        var refusal = await Assert.ThrowsAsync<PortalRuleException>(() => requests.EditAsync(staff, id, edited));
        Assert.Contains("started answering", refusal.Message);
        await requests.ChangeRemindersAsync(staff, id, new ReminderSettings(true, 5, 3));
        Assert.Equal(5, (await requests.GetAsync(staff, id)).Item.ReminderIntervalDays);
    }

    [Fact]
    public async Task Answers_are_checked_for_their_type_and_length()
    {
        var id = await SendAsync();
        var who = RequestAnswerer.ForClient(client);
        var number = await Assert.ThrowsAsync<PortalRuleException>(async () => await Answering.SaveAnswerAsync(who, id, await QuestionIdAsync(id, "Closing balance"), "a lot"));
        Assert.Equal("Enter a number, such as 1250.50.", number.Message);
        var choice = await Assert.ThrowsAsync<PortalRuleException>(async () => await Answering.SaveAnswerAsync(who, id, await QuestionIdAsync(id, "Which apply?"), "[\"Pension\"]"));
        Assert.Equal("Choose among the options.", choice.Message);
        var longText = await Assert.ThrowsAsync<PortalRuleException>(async () =>
            await Answering.SaveAnswerAsync(who, id, await QuestionIdAsync(id, "Bank name"), new string('x', RequestRules.MaxShortAnswerLength + 1)));
        Assert.Contains("At most", longText.Message);
        Assert.Equal(RequestStatus.Pending, (await portal.Get<RequestService>().GetAsync(staff, id)).Status);
    }

    [Fact]
    public async Task Submitting_names_each_missing_answer_then_saves_files_as_documents_and_tells_staff()
    {
        var id = await SendAsync();
        var who = RequestAnswerer.ForClient(client);
        await Answering.SaveAnswerAsync(who, id, await QuestionIdAsync(id, "Bank name"), "<b>Harbor</b> Savings");

        var missing = await Assert.ThrowsAsync<PortalRuleException>(() => Answering.SubmitAsync(who, id));
        Assert.Equal("Please answer these before submitting: \"Closing balance\", \"Bank statements\".", missing.Message);

        await AnswerAllAsync(who, id);
        await Answering.SaveAnswerAsync(who, id, await QuestionIdAsync(id, "Bank name"), "<b>Harbor</b> Savings");
        await Answering.SubmitAsync(who, id);

        var details = await portal.Get<RequestService>().GetAsync(staff, id);
        Assert.Equal(RequestStatus.Submitted, details.Status);
        Assert.Equal("Cleo Client", details.SubmittedByName);
        var file = Assert.Single(details.Questions.Single(q => q.Question.Label == "Bank statements").Files);
        Assert.NotNull(file.DocumentId);
        await using (var db = portal.NewDb())
        {
            var document = await db.Documents.Include(d => d.Folder).SingleAsync(d => d.Id == file.DocumentId);
            Assert.Equal(("March statement.pdf", "Client uploads", FolderAccess.ClientCanView, "Cleo Client"),
                (document.Name, document.Folder!.Name, document.Folder.Access, document.UploadedByName));
            Assert.Contains(await db.AuditEvents.Where(a => a.DocumentId == document.Id).Select(a => a.Details).ToListAsync(), d => d.Contains("Year-end questions"));
            Assert.Equal("Cleo Client answered Year-end questions", await db.StaffNotifications.Where(n => n.UserId == staff.UserId).Select(n => n.Title).SingleAsync());
        }
        var staffMail = (await MailAsync()).Single(m => m.ToAddress == "staff@firm.test");
        Assert.Contains("&lt;b&gt;Harbor&lt;/b&gt; Savings", staffMail.HtmlBody);
        Assert.DoesNotContain("<b>Harbor</b>", staffMail.HtmlBody);
        Assert.Contains("1250,50", staffMail.TextBody);

        var sheet = await Answering.OpenAsync(who, id);
        Assert.False(sheet.CanAnswer);
        var late = await Assert.ThrowsAsync<PortalRuleException>(async () => await Answering.SaveAnswerAsync(who, id, await QuestionIdAsync(id, "Bank name"), "Other"));
        Assert.Contains("already submitted", late.Message);
        Assert.Empty(await portal.Get<PendingActionService>().ListAsync(client));
    }

    [Fact]
    public async Task Reopening_sends_the_request_back_with_its_answers_and_closing_marks_it_completed()
    {
        var id = await SendAsync();
        var who = RequestAnswerer.ForClient(partner);
        await AnswerAllAsync(who, id);
        await Answering.SubmitAsync(who, id);
        var requests = portal.Get<RequestService>();
        var before = (await MailAsync()).Count;

        await Assert.ThrowsAsync<PortalRuleException>(() => requests.ReopenAsync(staff, id, " "));
        await requests.ReopenAsync(staff, id, "The balance looks off: check it, please.");

        var details = await requests.GetAsync(staff, id);
        Assert.Equal(RequestStatus.InProgress, details.Status);
        Assert.Equal("Harbor Savings", details.Questions.Single(q => q.Question.Label == "Bank name").Value);
        var reopenMail = (await MailAsync()).Skip(before).ToList();
        Assert.Equal(2, reopenMail.Count);
        Assert.All(reopenMail, m => Assert.Contains("The balance looks off", m.TextBody));
        Assert.Equal(id, Assert.Single(await portal.Get<PendingActionService>().ListAsync(client)).ItemId);

        await Answering.SubmitAsync(who, id);
        await requests.CloseAsync(staff, id);
        Assert.Equal(RequestStatus.Completed, (await requests.GetAsync(staff, id)).Status);
        await Assert.ThrowsAsync<PortalRuleException>(() => requests.CloseAsync(staff, id));
    }

    [Fact]
    public async Task A_third_party_gets_a_link_stored_only_as_a_hash_that_opens_that_request_alone_and_every_opening_is_recorded()
    {
        var id = await SendAsync([new ThirdPartyInput("Terry Third", "terry@outside.test")]);
        var other = await SendAsync([new ThirdPartyInput("Olga Other", "olga@outside.test")]);

        var mail = (await MailAsync()).Where(m => m.ToAddress == "terry@outside.test").ToList();
        var token = LinkPattern().Match(Assert.Single(mail).HtmlBody).Groups[1].Value;
        Assert.Equal(43, token.Length);
        Assert.Empty(await portal.Get<PendingActionService>().ListAsync(client));
        Assert.DoesNotContain(mail, m => m.ToAddress.EndsWith("@questions.test", StringComparison.Ordinal));
        await using (var db = portal.NewDb())
        {
            Assert.False(await db.RequestLinks.AnyAsync(l => l.TokenHash.Contains(token)));
            Assert.True(await db.RequestLinks.AnyAsync(l => l.TokenHash == RequestLink.Hash(token)));
        }

        var who = RequestAnswerer.ForLink(token);
        Assert.Equal(id, await Answering.RequestIdForLinkAsync(token));
        Assert.Equal(id, (await Answering.OpenAsync(who, null)).RequestId);
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => Answering.OpenAsync(who, other));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => Answering.OpenAsync(RequestAnswerer.ForClient(client), id));
        var unknown = await Assert.ThrowsAsync<LinkUnavailableException>(() => Answering.OpenAsync(RequestAnswerer.ForLink(new string('A', 43)), null));
        Assert.Null(unknown.Refusal.ContactName);

        await using (var db = portal.NewDb())
        {
            Assert.Null(await portal.Get<RequestLinks>().RecordOpeningAsync(db, token, "203.0.113.7", default));
        }
        await using (var db = portal.NewDb())
        {
            var opened = await db.AuditEvents.SingleAsync(a => a.ActionItemId == id && a.Action == Features.Audit.AuditAction.LinkOpened);
            Assert.Equal(("Terry Third", "From 203.0.113.7"), (opened.ActorName, opened.Details));
        }

        await AnswerAllAsync(who, id);
        await Answering.SubmitAsync(who, id);
        Assert.Equal("Terry Third", (await portal.Get<RequestService>().GetAsync(staff, id)).SubmittedByName);
        Assert.False((await Answering.OpenAsync(who, null)).CanAnswer);
        await portal.Get<RequestService>().CloseAsync(staff, id);
        var closed = await Assert.ThrowsAsync<LinkUnavailableException>(() => Answering.OpenAsync(who, null));
        Assert.Equal("Sam Staff at " + portal.Get<Microsoft.Extensions.Options.IOptions<ApprovalsPortal.Hosting.PortalOptions>>().Value.FirmName, closed.Refusal.ContactName);
    }

    [Fact]
    public async Task A_link_stops_opening_when_revoked_expired_or_cancelled()
    {
        var id = await SendAsync([new ThirdPartyInput("Terry Third", "terry@outside.test"), new ThirdPartyInput("Vera Vendor", "vera@outside.test")]);
        var mail = await MailAsync();
        string TokenOf(string email) => LinkPattern().Match(mail.Single(m => m.ToAddress == email).HtmlBody).Groups[1].Value;
        var terry = RequestAnswerer.ForLink(TokenOf("terry@outside.test"));
        var vera = RequestAnswerer.ForLink(TokenOf("vera@outside.test"));

        var details = await portal.Get<RequestService>().GetAsync(staff, id);
        await portal.Get<RequestService>().RevokeAsync(staff, id, details.ThirdParties.Single(p => p.Name == "Vera Vendor").Id);
        var revoked = await Assert.ThrowsAsync<LinkUnavailableException>(() => Answering.OpenAsync(vera, null));
        Assert.Contains("withdrawn", revoked.Refusal.Reason);

        clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.True((await Answering.OpenAsync(terry, null)).CanAnswer);
        clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await Assert.ThrowsAsync<LinkUnavailableException>(() => Answering.OpenAsync(terry, null));
        Assert.Contains("expired", expired.Refusal.Reason);

        // A resend carries a fresh link, to Terry alone; cancelling then closes it too.
        await portal.Get<RequestService>().ResendAsync(staff, id, new ResendInput("Here is a new link.", ReminderSettings.Off));
        var resent = (await MailAsync()).Skip(mail.Count).ToList();
        var fresh = RequestAnswerer.ForLink(LinkPattern().Match(Assert.Single(resent).HtmlBody).Groups[1].Value);
        Assert.Equal("terry@outside.test", resent[0].ToAddress);
        Assert.True((await Answering.OpenAsync(fresh, null)).CanAnswer);
        await portal.Get<RequestService>().CancelAsync(staff, id);
        Assert.Contains("withdrew", (await Assert.ThrowsAsync<LinkUnavailableException>(() => Answering.OpenAsync(fresh, null))).Refusal.Reason);
    }

    [Fact]
    public async Task Reminders_go_to_third_parties_with_fresh_links_and_stop_once_the_request_is_submitted()
    {
        var id = await SendAsync([new ThirdPartyInput("Terry Third", "terry@outside.test")]);
        var sweep = portal.Get<ReminderSweep>();

        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await sweep.SweepAsync());
        var mail = await MailAsync();
        Assert.Equal(["Please answer: Year-end questions", "Reminder: please answer Year-end questions"], mail.Select(m => m.Subject));
        var first = LinkPattern().Match(mail[0].HtmlBody).Groups[1].Value;
        var reminded = LinkPattern().Match(mail[1].HtmlBody).Groups[1].Value;
        Assert.NotEqual(first, reminded);
        Assert.True((await Answering.OpenAsync(RequestAnswerer.ForLink(first), null)).CanAnswer);

        var who = RequestAnswerer.ForLink(reminded);
        await AnswerAllAsync(who, id);
        Assert.Equal(RequestStatus.InProgress, (await portal.Get<RequestService>().GetAsync(staff, id)).Status);
        await Answering.SubmitAsync(who, id);
        clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(0, await sweep.SweepAsync());
    }

    [Fact]
    public async Task Archiving_the_job_stops_the_reminders_and_submitting_moves_an_automove_stage_on()
    {
        var pipelines = portal.Get<PipelineService>();
        var pipeline = await pipelines.CreateAsync(admin, "Year end");
        var review = await pipelines.AddStageAsync(admin, pipeline, "Waiting for client");
        await pipelines.AddStageAsync(admin, pipeline, "Preparation");
        await pipelines.ConfigureStageAsync(admin, review, automove: true, automation: null);
        var jobs = portal.Get<JobChanges>();
        var job = await jobs.CreateAsync(staff, new JobInput(account.AccountId, "Year end 2026", review, staff.UserId, null));
        var archivedJob = await jobs.CreateAsync(staff, new JobInput(account.AccountId, "Old year", review, staff.UserId, null));

        var id = await SendAsync(jobId: job);
        var held = await SendAsync(jobId: archivedJob);
        await jobs.ArchiveAsync(staff, archivedJob);
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await portal.Get<ReminderSweep>().SweepAsync());
        Assert.Equal(0, (await portal.Get<RequestService>().GetAsync(staff, held)).Item.RemindersSent);

        var who = RequestAnswerer.ForClient(client);
        await AnswerAllAsync(who, id);
        await Answering.SubmitAsync(who, id);
        var moved = await portal.Get<JobService>().GetAsync(staff, job);
        Assert.Equal("Preparation", moved.Job.StageName);
        Assert.Contains(moved.Activity, a => a.Kind == JobActivityKind.Automoved && a.Details.Contains("Year-end questions"));
    }

    [Fact]
    public async Task Changing_the_audience_while_pending_emails_only_the_people_added_and_withdraws_the_people_removed()
    {
        var id = await SendAsync([new ThirdPartyInput("Terry Third", "terry@outside.test")]);
        var terry = RequestAnswerer.ForLink(LinkPattern().Match((await MailAsync()).Single().HtmlBody).Groups[1].Value);
        var before = (await MailAsync()).Count;

        await portal.Get<RequestService>().EditAsync(staff, id, Input([new ThirdPartyInput("Vera Vendor", "vera@outside.test")]));
        Assert.Equal(["vera@outside.test"], (await MailAsync()).Skip(before).Select(m => m.ToAddress));
        await Assert.ThrowsAsync<LinkUnavailableException>(() => Answering.OpenAsync(terry, null));

        before = (await MailAsync()).Count;
        await portal.Get<RequestService>().EditAsync(staff, id, Input());
        Assert.Equal(["client@questions.test", "partner@questions.test"], (await MailAsync()).Skip(before).Select(m => m.ToAddress).Order());
        Assert.Equal(id, Assert.Single(await portal.Get<PendingActionService>().ListAsync(client)).ItemId);
    }

    [Fact]
    public async Task A_contact_of_another_account_and_a_staff_view_cannot_answer()
    {
        var id = await SendAsync();
        var other = await portal.CreateAccountAsync(staff, "Other Ltd");
        var stranger = await portal.AddPortalContactAsync(staff, other.AccountId, "stranger@other.test");
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => Answering.OpenAsync(RequestAnswerer.ForClient(stranger), id));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => Answering.OpenAsync(RequestAnswerer.ForClient(staff), id));

        var viewAs = client with { ReadOnly = true, IsClient = false };
        var sheet = await Answering.OpenAsync(RequestAnswerer.ForClient(viewAs), id);
        Assert.False(sheet.CanAnswer);
        await Assert.ThrowsAsync<PortalRuleException>(async () => await Answering.SaveAnswerAsync(RequestAnswerer.ForClient(viewAs), id, await QuestionIdAsync(id, "Bank name"), "x"));
    }

    [Fact]
    public async Task The_csv_export_quotes_cells_and_defuses_formulas()
    {
        var id = await SendAsync();
        var who = RequestAnswerer.ForClient(client);
        await Answering.SaveAnswerAsync(who, id, await QuestionIdAsync(id, "Bank name"), "=HYPERLINK(\"http://evil.test\",\"x\"), Inc");
        var (name, content) = await portal.Get<RequestExport>().CsvAsync(staff, id);
        Assert.Equal("Year-end questions - answers.csv", name);
        var text = System.Text.Encoding.UTF8.GetString(content).TrimStart('\uFEFF');
        Assert.StartsWith("Number,Question,Type,Required,Answer,Answered by,Answered at (UTC)\r\n", text);
        Assert.Contains("1,Bank name,Short text,yes,\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\"), Inc\",Cleo Client,2026-03-02 09:00", text);
        Assert.DoesNotContain("About the year", text);
    }

    [Fact]
    public async Task A_staff_change_racing_the_first_answer_is_refused_and_the_answer_kept()
    {
        var id = await SendAsync();
        var bankName = await QuestionIdAsync(id, "Bank name");
        hook.Once(db => db.ChangeTracker.Entries<RequestQuestion>().Any(e => e.State == EntityState.Added),
            () => Answering.SaveAnswerAsync(RequestAnswerer.ForClient(client), id, bankName, "Harbor Savings"));

        var refusal = await Assert.ThrowsAsync<PortalRuleException>(() =>
            portal.Get<RequestService>().EditAsync(staff, id, Input() with { Questions = [new(QuestionType.ShortText, "Something else")] }));

        Assert.True(hook.Fired);
        Assert.Contains("started answering while you were editing", refusal.Message);
        var details = await portal.Get<RequestService>().GetAsync(staff, id);
        Assert.Equal(RequestStatus.InProgress, details.Status);
        Assert.Equal("Harbor Savings", details.Questions.Single(q => q.Question.Label == "Bank name").Value);
    }

    [Fact]
    public async Task Two_contacts_answer_the_same_question_into_one_answer_and_a_second_submission_is_refused()
    {
        var id = await SendAsync();
        await AnswerAllAsync(RequestAnswerer.ForClient(client), id);
        await Answering.SaveAnswerAsync(RequestAnswerer.ForClient(partner), id, await QuestionIdAsync(id, "Bank name"), "Harbor Savings plc");
        await using (var db = portal.NewDb())
        {
            var answer = await db.RequestAnswers.SingleAsync(a => a.ClientRequestId == id && a.QuestionId == db.RequestQuestions.Single(q => q.ClientRequestId == id && q.Label == "Bank name").Id);
            Assert.Equal(("Harbor Savings plc", "Pat Partner"), (answer.Value, answer.UpdatedByName));
        }

        await Answering.SubmitAsync(RequestAnswerer.ForClient(client), id);
        var second = await Assert.ThrowsAsync<PortalRuleException>(() => Answering.SubmitAsync(RequestAnswerer.ForClient(partner), id));
        Assert.Contains("already submitted", second.Message);
        await using var check = portal.NewDb();
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.ActionItemId == id && a.Action == Features.Audit.AuditAction.Completed));
        Assert.Equal(1, await check.Documents.CountAsync(d => d.Name == "March statement.pdf"));
    }
}
