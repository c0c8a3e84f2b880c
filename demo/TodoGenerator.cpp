#include "TodoGenerator.h"

#include "base/Clock.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <iterator>

namespace {

// Small, fixed word lists: enough variety for a believable demo, nothing more.
struct BusinessType
{
    const char *nameZh;
    const char *nameEn;
    const char *nodeZh;
    const char *nodeEn;
    const char *route;
};

const BusinessType kBusinessTypes[] = {
    {"变更申请", "Change request", "项目主管", "Project lead", "project/change-project-todo"},
    {"请假审批", "Leave request", "部门经理", "Line manager", "hr/leave-todo"},
    {"采购申请", "Purchase order", "采购主管", "Procurement lead", "purchase/purchase-apply-todo"},
    {"报销审批", "Expense report", "财务审核", "Finance review", "finance/expense-todo"},
    {"合同审批", "Contract review", "法务审核", "Legal review", "contract/contract-approve-todo"},
};

const char *const kSubjectsZh[] = {"智慧园区二期", "数据中台升级", "客服系统重构", "办公网络改造", "移动审批平台"};
const char *const kSubjectsEn[] = {"Data platform upgrade", "CRM migration", "Office network refresh",
                                   "Mobile approvals", "Q3 hardware budget"};
const char *const kSendersZh[] = {"张伟", "李娜", "王芳", "刘洋", "陈静"};
const char *const kSendersEn[] = {"Alice Chen", "Bob Martin", "Carol Diaz", "David Okafor"};
const char *const kDepartmentsZh[] = {"研发中心", "财务部", "人力资源部", "采购部", "市场部"};
const char *const kDepartmentsEn[] = {"R&D Center", "Finance", "Human Resources", "Procurement"};
const char *const kUrgencyZh[] = {"普通", "紧急", "特急"};
const char *const kUrgencyEn[] = {"Normal", "Urgent", "Critical"};

// Snowflake layout (41 bits of milliseconds since the Twitter epoch, 10 bits of worker, 12 of sequence), as
// the field's ids are. Times before 2020 are clamped so every id has exactly 19 digits.
constexpr qint64 kSnowflakeEpochMs = 1288834974657;
constexpr qint64 kEarliestWallMs = 1577836800000; // 2020-01-01T00:00:00Z

template<typename T, std::size_t N>
const T &pick(QRandomGenerator &random, const T (&list)[N])
{
    return list[random.bounded(quint32(N))];
}

QString text(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

} // namespace

TodoGenerator::TodoGenerator(quint32 seed, Clock *clock)
{
    setClock(clock);
    reseed(seed);
}

void TodoGenerator::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
}

void TodoGenerator::reseed(quint32 seed)
{
    m_seed = seed;
    m_random.seed(seed);
    m_lastId = 0;
    m_generated = 0;
    m_pendingCount = 3 + int(m_random.bounded(10));
    m_userId = QStringLiteral("uff08") + QString::number(m_random.generate64() & 0xffffffffffffULL, 16);
    m_ownerId = randomDigits(18);
}

QByteArray TodoGenerator::keepaliveBody()
{
    return QJsonDocument(QJsonObject {{QStringLiteral("keepalive"), QStringLiteral("live")}})
        .toJson(QJsonDocument::Compact);
}

QString TodoGenerator::randomDigits(int count)
{
    QString digits;
    digits.reserve(count);
    digits += QChar(u'1' + char16_t(m_random.bounded(9))); // no leading zero
    while (digits.size() < count)
        digits += QChar(u'0' + char16_t(m_random.bounded(10)));
    return digits;
}

QByteArray TodoGenerator::nextId()
{
    const qint64 wall = qMax(m_clock->wallMs(), kEarliestWallMs);
    const qint64 worker = qint64(m_seed & 0x3ff);
    const qint64 sequence = qint64(m_random.bounded(4096));
    const qint64 candidate = ((wall - kSnowflakeEpochMs) << 22) | (worker << 12) | sequence;
    m_lastId = qMax(candidate, m_lastId + 1);
    return QByteArray::number(m_lastId);
}

QByteArray TodoGenerator::nextBody()
{
    const bool chinese = m_random.bounded(100) < 65;
    const BusinessType &type = pick(m_random, kBusinessTypes);
    const int urgencyRoll = int(m_random.bounded(100));
    const int urgency = urgencyRoll < 60 ? 0 : (urgencyRoll < 88 ? 1 : 2);

    const QString subject = text(chinese ? pick(m_random, kSubjectsZh) : pick(m_random, kSubjectsEn));
    const QString sender = text(chinese ? pick(m_random, kSendersZh) : pick(m_random, kSendersEn));
    const QString department = text(chinese ? pick(m_random, kDepartmentsZh) : pick(m_random, kDepartmentsEn));
    const QString businessName = text(chinese ? type.nameZh : type.nameEn);
    const QString nodeName = text(chinese ? type.nodeZh : type.nodeEn);
    const QString urgencyText = text(chinese ? kUrgencyZh[urgency] : kUrgencyEn[urgency]);

    const QString id = QString::fromLatin1(nextId());
    const QString businessId = randomDigits(18);
    const QString pendingId = randomDigits(19);
    const QString workflowId = QStringLiteral("wf") + randomDigits(8);

    const QString title = chinese
        ? QStringLiteral("待办通知:%1提交的《%2》%3--（%4）%5").arg(sender, subject, businessName, nodeName, department)
        : QStringLiteral("Approval needed: %1 \"%2\" from %3 (%4)").arg(businessName, subject, sender, department);

    // Relative to the web application; the fragment holds the route and a query whose non-ASCII text is
    // left raw, as the field's servers send it. Only spaces are encoded.
    QString itemName = nodeName;
    itemName.replace(u' ', QStringLiteral("%20"));
    const QString handlerUrl = QStringLiteral("/service/assets/index.html#/") + QString::fromLatin1(type.route)
        + QStringLiteral("?id=") + businessId + QStringLiteral("&pendingId=") + pendingId + QStringLiteral("&itemname=")
        + itemName + QStringLiteral("&wfid=") + workflowId;
    const QString pendingUrl = QStringLiteral("/service/workflow/pending/detail?pendingId=") + pendingId;

    const QString time =
        QDateTime::fromMSecsSinceEpoch(m_clock->wallMs()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));

    const QJsonObject metaData {
        {QStringLiteral("urgency"), urgency},       {QStringLiteral("urgencyText"), urgencyText},
        {QStringLiteral("bname"), businessName},    {QStringLiteral("send_name"), sender},
        {QStringLiteral("send_dept"), department},  {QStringLiteral("node_name"), nodeName},
        {QStringLiteral("pendingUrl"), pendingUrl},
    };
    const QJsonObject todo {
        {QStringLiteral("id"), id},
        {QStringLiteral("title"), title},
        {QStringLiteral("time"), time},
        {QStringLiteral("handlerUrl"), handlerUrl},
        {QStringLiteral("userId"), m_userId},
        {QStringLiteral("metaData"), metaData},
        {QStringLiteral("pendingId"), QJsonValue::Null},
        {QStringLiteral("ownerId"), m_ownerId},
        {QStringLiteral("ownerIdentityId"), m_userId},
    };

    ++m_pendingCount;
    ++m_generated;
    const QJsonObject data {
        {QStringLiteral("menuTipsMap"), QJsonValue::Null}, {QStringLiteral("sysMsgList"), QJsonArray {todo}},
        {QStringLiteral("sysMsgNums"), m_pendingCount},    {QStringLiteral("onlineUserNums"), QJsonValue::Null},
        {QStringLiteral("extraData"), QJsonValue::Null},
    };
    const QJsonObject envelope {
        {QStringLiteral("data"), data},
        {QStringLiteral("fromUserId"), QJsonValue::Null},
        {QStringLiteral("fromUserName"), QJsonValue::Null},
    };
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}
