#include "platform/XdgAutostart.h"

#include "common/UiLogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace {

// Characters that make the Desktop Entry specification require quoting an argument.
bool needsQuoting(const QString &argument)
{
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    if (argument.isEmpty())
        return true;
    for (const QChar c : argument) {
        if (reserved.contains(c))
            return true;
    }
    return false;
}

QString quoteArgument(const QString &argument)
{
    QString quoted = argument;
    quoted.replace(QLatin1Char('%'), QLatin1String("%%")); // field codes
    if (needsQuoting(argument)) {
        QString escaped;
        for (const QChar c : std::as_const(quoted)) {
            if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') || c == QLatin1Char('\\'))
                escaped += QLatin1Char('\\');
            escaped += c;
        }
        quoted = QLatin1Char('"') + escaped + QLatin1Char('"');
    }
    // Exec is also a string value, whose own escaping doubles every backslash.
    quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    return quoted;
}

QString configHome()
{
    const QString env = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (!env.isEmpty() && QDir::isAbsolutePath(env))
        return env;
    return QDir::homePath() + QLatin1String("/.config");
}

} // namespace

XdgAutostart::XdgAutostart(const QString &program, const QStringList &arguments)
    : m_program(program)
    , m_arguments(arguments)
{ }

QString XdgAutostart::userEntryPath()
{
    return configHome() + QLatin1String("/autostart/") + fileName();
}

QString XdgAutostart::systemEntryPath()
{
    QString dirs = qEnvironmentVariable("XDG_CONFIG_DIRS");
    if (dirs.isEmpty())
        dirs = QStringLiteral("/etc/xdg");
    for (const QString &dir : dirs.split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
        const QString path = dir + QLatin1String("/autostart/") + fileName();
        if (QFileInfo::exists(path))
            return path;
    }
    return {};
}

QString XdgAutostart::execLine(const QString &program, const QStringList &arguments)
{
    QStringList parts {quoteArgument(program)};
    for (const QString &argument : arguments)
        parts.append(quoteArgument(argument));
    return parts.join(QLatin1Char(' '));
}

bool XdgAutostart::entryEnables(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return false;
    bool inMainGroup = false;
    bool enabled = true;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.startsWith('[')) {
            inMainGroup = line == "[Desktop Entry]";
            continue;
        }
        if (!inMainGroup)
            continue;
        const qsizetype equals = line.indexOf('=');
        if (equals <= 0)
            continue;
        const QByteArray key = line.left(equals).trimmed();
        const QByteArray value = line.mid(equals + 1).trimmed();
        if (key == "Hidden" && value == "true")
            enabled = false;
        else if (key == "X-GNOME-Autostart-enabled" && value == "false")
            enabled = false;
    }
    return enabled;
}

bool XdgAutostart::isEnabled() const
{
    if (QFileInfo::exists(userEntryPath()))
        return entryEnables(userEntryPath());
    const QString system = systemEntryPath();
    return !system.isEmpty() && entryEnables(system);
}

QString XdgAutostart::desktopEntry(bool hidden) const
{
    const QString flag = hidden ? QStringLiteral("true") : QStringLiteral("false");
    return QStringLiteral("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Todo Notifier\n"
                          "Name[zh_CN]=待办通知\n"
                          "Comment=Tells you the moment a todo is waiting for you\n"
                          "Comment[zh_CN]=有待办事项时立即提醒\n"
                          "Exec=%1\n"
                          "Icon=todo-notifier\n"
                          "Terminal=false\n"
                          "X-GNOME-Autostart-enabled=%2\n"
                          "Hidden=%3\n")
        .arg(execLine(m_program, m_arguments), hidden ? QStringLiteral("false") : QStringLiteral("true"), flag);
}

bool XdgAutostart::setEnabled(bool enabled, QString *error)
{
    const QString path = userEntryPath();
    const QString system = systemEntryPath();
    // Disabling with no enabled system-wide entry: no user file at all is the cleanest "off".
    if (!enabled && (system.isEmpty() || !entryEnables(system))) {
        if (QFileInfo::exists(path) && !QFile::remove(path)) {
            if (error)
                *error = tr("Cannot remove %1.").arg(QDir::toNativeSeparators(path));
            qCWarning(lcAutostart) << "cannot remove" << path;
            return false;
        }
        qCInfo(lcAutostart) << "autostart off:" << path << "removed";
        return true;
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        if (error)
            *error = tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(QFileInfo(path).absolutePath()));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        qCWarning(lcAutostart) << "cannot write" << path << ":" << file.errorString();
        return false;
    }
    file.write(desktopEntry(!enabled).toUtf8());
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        qCWarning(lcAutostart) << "cannot write" << path << ":" << file.errorString();
        return false;
    }
    qCInfo(lcAutostart) << "autostart" << (enabled ? "on:" : "off (overriding the system entry):") << path;
    return true;
}
