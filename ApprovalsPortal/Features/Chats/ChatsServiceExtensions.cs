using ApprovalsPortal.Features.ActionItems;
using Quartz;

namespace ApprovalsPortal.Features.Chats;

public static class ChatsServiceExtensions
{
    public static WebApplicationBuilder AddChats(this WebApplicationBuilder builder)
    {
        builder.Services.AddActionItemKind<ChatKind>();
        builder.Services.AddScoped<ChatService>();
        builder.Services.AddScoped<ClientChatService>();
        builder.Services.AddScoped<ChatNotifier>();
        builder.Services.AddScoped<ChatFlows>();
        builder.Services.AddQuartz(q =>
        {
            q.AddJob<ChatNotifyJob>(j => j.WithIdentity(ChatNotifyJob.Key));
            q.AddTrigger(t => t.ForJob(ChatNotifyJob.Key).WithIdentity("chat-notify-every-30s")
                .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(30)).RepeatForever()));
        });
        return builder;
    }
}
