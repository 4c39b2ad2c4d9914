using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalsPortal.Tests.Support;

/// <summary>
/// The portal's real services over a real SQLite file in a temporary folder, without a web server: for testing
/// rules through the same services the screens call.
/// </summary>
public sealed class PortalServices : IAsyncDisposable
{
    private readonly TempDataFolder data;
    private readonly WebApplication app;

    private PortalServices(WebApplication app, TempDataFolder data)
    {
        this.app = app;
        this.data = data;
    }

    public IServiceProvider Services => app.Services;
    public string DataFolder => data.Path;

    public static async Task<PortalServices> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var folder = new TempDataFolder();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        // The caller's settings win, a data folder of its own included.
        var values = new Dictionary<string, string?> { ["Portal:DataFolder"] = folder.Path, ["Portal:SeedDemoData"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        builder.Configuration.AddInMemoryCollection(values);
        builder.AddPortal();
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        try
        {
            await app.PreparePortalAsync();
        }
        catch
        {
            // A start that fails lets go of its data folder, so a test can start again on it.
            await app.DisposeAsync();
            folder.Dispose();
            throw;
        }
        return new PortalServices(app, folder);
    }

    public T Get<T>() where T : notnull => app.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public AppDbContext NewDb() => app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    public async Task<PortalUser> CreateUserAsync(string role, string email, string name = "Test Person")
    {
        var result = await Get<UserAdministration>().CreateUserAsync(name, email, "a-long-test-password", role);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        await using var db = NewDb();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return new PortalUser(id, name, role == Roles.Admin, role == Roles.Staff, role == Roles.Client);
    }

    public async Task<(int AccountId, int SharedFolderId, int InternalFolderId)> CreateAccountAsync(PortalUser staff, string name)
    {
        var id = await Get<AccountService>().CreateAsync(staff, name);
        var folders = await Get<DocumentService>().ListFoldersAsync(staff, id);
        return (id,
            folders.Single(f => f.Name == Folder.DefaultSharedName).Id,
            folders.Single(f => f.Name == Folder.DefaultInternalName).Id);
    }

    /// <summary>Adds a contact with portal access (and Notify) and returns them as the signed-in client.</summary>
    public async Task<PortalUser> AddPortalContactAsync(PortalUser staff, int accountId, string email, string name = "Cli Ent", bool notify = true)
    {
        await Get<ContactService>().SaveAsync(staff, new ContactInput(null, accountId, name, email, notify, PortalAccess: true));
        await using var db = NewDb();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return new PortalUser(id, name, false, false, true);
    }

    public async Task<int> UploadAsync(PortalUser staff, int accountId, int folderId, string name, byte[] content, string description = "")
    {
        using var stream = new MemoryStream(content);
        var outcome = await Get<DocumentService>().UploadAsync(staff, new UploadRequest(accountId, folderId, name, content.Length, description), stream, null);
        Assert.True(outcome.Succeeded, outcome.Error);
        return outcome.DocumentId!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        data.Dispose();
    }
}
