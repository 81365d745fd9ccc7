
namespace Liyaqa.Domain.Notifications.Templates;

/// <summary>
/// Every message a club sends to its staff and members, with Liyaqa's default English and Arabic texts.
/// A club may override any of them per language (<see cref="MessageTemplate"/>).
/// </summary>
public static class MessageTemplates
{
    public const string StaffInvitation = "staff-invitation";
    public const string PasswordReset = "password-reset";
    public const string BookingConfirmed = "booking-confirmed";
    public const string BookingCancelled = "booking-cancelled";
    public const string WaitlistPromoted = "waitlist-promoted";
    public const string WaitlistClosed = "waitlist-closed";
    public const string ClassReminder = "class-reminder";
    public const string MembershipExpiring = "membership-expiring";
    public const string MembershipExpired = "membership-expired";
    public const string PaymentReceipt = "payment-receipt";
    public const string PaymentFailed = "payment-failed";

    public static IReadOnlyList<TemplateDefinition> All { get; } =
    [
        new(StaffInvitation, "A new staff account is invited to choose its password.", ["clubName", "name", "link"],
            new("You are invited to {{clubName}} on Liyaqa",
                "Hello {{name}},\n\nAn account at {{clubName}} was created for you. To choose your password, open this link within seven days:\n{{link}}",
                "{{clubName}}: your Liyaqa account is ready. Choose your password within 7 days: {{link}}"),
            new("دعوة للانضمام إلى {{clubName}} على لياقة",
                "مرحباً {{name}}،\n\nأُنشئ لك حساب في {{clubName}}. لاختيار كلمة المرور افتح الرابط التالي خلال سبعة أيام:\n{{link}}",
                "{{clubName}}: حسابك في لياقة جاهز. اختر كلمة المرور خلال 7 أيام: {{link}}")),
        new(PasswordReset, "Someone asked to reset an account's password.", ["clubName", "name", "link"],
            new("Reset your {{clubName}} password",
                "Hello {{name}},\n\nTo choose a new password for your {{clubName}} account, open this link within an hour:\n{{link}}\n\nIf you did not ask for this, ignore this message.",
                "{{clubName}}: reset your password within an hour: {{link}}"),
            new("إعادة تعيين كلمة المرور - {{clubName}}",
                "مرحباً {{name}}،\n\nلتعيين كلمة مرور جديدة لحسابك في {{clubName}} افتح الرابط التالي خلال ساعة:\n{{link}}\n\nإذا لم تطلب ذلك فتجاهل هذه الرسالة.",
                "{{clubName}}: أعد تعيين كلمة المرور خلال ساعة: {{link}}")),
        new(BookingConfirmed, "A member's class booking is confirmed.", ["clubName", "name", "className", "startsAt", "branchName"],
            new("Booked: {{className}} on {{startsAt}}",
                "Hello {{name}},\n\nYour place in {{className}} at {{branchName}} on {{startsAt}} is booked. See you there!\n\n{{clubName}}",
                "{{clubName}}: booked {{className}}, {{startsAt}}, {{branchName}}."),
            new("تم الحجز: {{className}} في {{startsAt}}",
                "مرحباً {{name}}،\n\nتم حجز مكانك في {{className}} في {{branchName}} يوم {{startsAt}}. نراك هناك!\n\n{{clubName}}",
                "{{clubName}}: تم حجز {{className}}، {{startsAt}}، {{branchName}}.")),
        new(BookingCancelled, "A booking was cancelled, by the member, the club, or because the class was cancelled.", ["clubName", "name", "className", "startsAt", "reason"],
            new("Cancelled: {{className}} on {{startsAt}}",
                "Hello {{name}},\n\nYour booking for {{className}} on {{startsAt}} is cancelled. {{reason}}\n\n{{clubName}}",
                "{{clubName}}: your booking for {{className}}, {{startsAt}} is cancelled. {{reason}}"),
            new("أُلغي الحجز: {{className}} في {{startsAt}}",
                "مرحباً {{name}}،\n\nأُلغي حجزك في {{className}} يوم {{startsAt}}. {{reason}}\n\n{{clubName}}",
                "{{clubName}}: أُلغي حجزك في {{className}}، {{startsAt}}. {{reason}}")),
        new(WaitlistPromoted, "A place freed up and a member moved from the waitlist into the class.", ["clubName", "name", "className", "startsAt", "branchName"],
            new("A place opened up: {{className}} on {{startsAt}}",
                "Hello {{name}},\n\nGood news: a place opened up and you are now booked into {{className}} at {{branchName}} on {{startsAt}}. If you cannot come, please cancel so the next person can join.\n\n{{clubName}}",
                "{{clubName}}: a place opened up, you are booked into {{className}}, {{startsAt}}."),
            new("توفر مكان: {{className}} في {{startsAt}}",
                "مرحباً {{name}}،\n\nخبر سار: توفر مكان وتم حجزك في {{className}} في {{branchName}} يوم {{startsAt}}. إذا لم تتمكن من الحضور فيرجى الإلغاء ليتمكن غيرك من الانضمام.\n\n{{clubName}}",
                "{{clubName}}: توفر مكان وتم حجزك في {{className}}، {{startsAt}}.")),
        new(WaitlistClosed, "The waitlist of a full class closed before a place came free for the member.", ["clubName", "name", "className", "startsAt", "branchName"],
            new("Waitlist closed: {{className}} on {{startsAt}}",
                "Hello {{name}},\n\nSorry: no place came free in {{className}} at {{branchName}} on {{startsAt}}, and its waitlist has now closed. Nothing was used from your membership. We hope to see you in another class.\n\n{{clubName}}",
                "{{clubName}}: no place came free in {{className}}, {{startsAt}}; the waitlist has closed. Nothing was used."),
            new("أُغلقت قائمة الانتظار: {{className}} في {{startsAt}}",
                "مرحباً {{name}}،\n\nنعتذر، لم يتوفر مكان في {{className}} في {{branchName}} يوم {{startsAt}}، وقد أُغلقت قائمة الانتظار. لم يُخصم شيء من عضويتك. نأمل أن نراك في كلاس آخر.\n\n{{clubName}}",
                "{{clubName}}: لم يتوفر مكان في {{className}}، {{startsAt}}، وأُغلقت قائمة الانتظار. لم يُخصم شيء.")),
        new(ClassReminder, "A reminder some hours before a booked class.", ["clubName", "name", "className", "startsAt", "branchName"],
            new("Reminder: {{className}} on {{startsAt}}",
                "Hello {{name}},\n\nA reminder that {{className}} at {{branchName}} starts on {{startsAt}}.\n\n{{clubName}}",
                "{{clubName}} reminder: {{className}}, {{startsAt}}, {{branchName}}."),
            new("تذكير: {{className}} في {{startsAt}}",
                "مرحباً {{name}}،\n\nنذكرك بأن {{className}} في {{branchName}} يبدأ يوم {{startsAt}}.\n\n{{clubName}}",
                "تذكير من {{clubName}}: {{className}}، {{startsAt}}، {{branchName}}.")),
        new(MembershipExpiring, "A membership ends in a few days.", ["clubName", "name", "planName", "endsOn", "daysLeft"],
            new("Your {{planName}} membership ends on {{endsOn}}",
                "Hello {{name}},\n\nYour {{planName}} membership at {{clubName}} ends on {{endsOn}} ({{daysLeft}} days left). Renew at the front desk or in the app to keep training without a break.",
                "{{clubName}}: your {{planName}} membership ends on {{endsOn}}. Renew to keep training."),
            new("تنتهي عضويتك {{planName}} في {{endsOn}}",
                "مرحباً {{name}}،\n\nتنتهي عضويتك {{planName}} في {{clubName}} بتاريخ {{endsOn}} (متبقٍ {{daysLeft}} أيام). جدد اشتراكك من الاستقبال أو التطبيق لتواصل التمرين دون انقطاع.",
                "{{clubName}}: تنتهي عضويتك {{planName}} في {{endsOn}}. جدد لتواصل التمرين.")),
        new(MembershipExpired, "A membership has ended.", ["clubName", "name", "planName", "endedOn"],
            new("Your {{planName}} membership has ended",
                "Hello {{name}},\n\nYour {{planName}} membership at {{clubName}} ended on {{endedOn}}. We would love to see you back: renew at the front desk or in the app.",
                "{{clubName}}: your {{planName}} membership ended on {{endedOn}}. Renew any time."),
            new("انتهت عضويتك {{planName}}",
                "مرحباً {{name}}،\n\nانتهت عضويتك {{planName}} في {{clubName}} بتاريخ {{endedOn}}. يسعدنا عودتك: جدد اشتراكك من الاستقبال أو التطبيق.",
                "{{clubName}}: انتهت عضويتك {{planName}} في {{endedOn}}. جدد في أي وقت.")),
        new(PaymentReceipt, "A payment was received.", ["clubName", "name", "amount", "paidAt", "invoiceNumber", "description"],
            new("Receipt {{invoiceNumber}} from {{clubName}}",
                "Hello {{name}},\n\nWe received your payment of {{amount}} on {{paidAt}} for {{description}}. Invoice: {{invoiceNumber}}.\n\nThank you,\n{{clubName}}",
                "{{clubName}}: payment of {{amount}} received. Invoice {{invoiceNumber}}."),
            new("إيصال {{invoiceNumber}} من {{clubName}}",
                "مرحباً {{name}}،\n\nاستلمنا دفعتك بمبلغ {{amount}} بتاريخ {{paidAt}} مقابل {{description}}. رقم الفاتورة: {{invoiceNumber}}.\n\nشكراً لك،\n{{clubName}}",
                "{{clubName}}: استلمنا دفعتك بمبلغ {{amount}}. الفاتورة {{invoiceNumber}}.")),
        new(PaymentFailed, "A payment could not be taken.", ["clubName", "name", "amount", "reason"],
            new("Your payment to {{clubName}} did not go through",
                "Hello {{name}},\n\nWe could not take your payment of {{amount}}: {{reason}}. Please update your payment method or pay at the front desk.\n\n{{clubName}}",
                "{{clubName}}: your payment of {{amount}} failed ({{reason}}). Please pay at the front desk or in the app."),
            new("تعذرت عملية الدفع لدى {{clubName}}",
                "مرحباً {{name}}،\n\nتعذر تحصيل دفعتك بمبلغ {{amount}}: {{reason}}. يرجى تحديث وسيلة الدفع أو الدفع في الاستقبال.\n\n{{clubName}}",
                "{{clubName}}: تعذر تحصيل {{amount}} ({{reason}}). يرجى الدفع في الاستقبال أو التطبيق.")),
    ];

    public static TemplateDefinition? Find(string? key) => All.FirstOrDefault(t => t.Key == key);

    public static TemplateDefinition Get(string key) => Find(key) ?? throw new ArgumentException($"No message template '{key}'.", nameof(key));
}
