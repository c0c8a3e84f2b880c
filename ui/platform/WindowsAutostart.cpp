#include "platform/WindowsAutostart.h"

#include "common/UiLogging.h"

#include <QDir>
#include <QSettings>

namespace {

const QString kRunKey = QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
const QString kValueName = QStringLiteral("TodoNotifier");

QString quoted(const QString &argument)
{
    if (!argument.isEmpty() && !argument.contains(QLatin1Char(' ')) && !argument.contains(QLatin1Char('"')))
        return argument;
    QString escaped = argument;
    escaped.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace

WindowsAutostart::WindowsAutostart(const QString &program, const QStringList &arguments)
    : m_program(program)
    , m_arguments(arguments)
{ }

QString WindowsAutostart::commandLine() const
{
    QStringList parts {QLatin1Char('"') + QDir::toNativeSeparators(m_program) + QLatin1Char('"')};
    for (const QString &argument : m_arguments)
        parts.append(quoted(argument));
    return parts.join(QLatin1Char(' '));
}

QString WindowsAutostart::location() const
{
    return kRunKey + QLatin1Char('\\') + kValueName;
}

bool WindowsAutostart::isEnabled() const
{
    const QSettings run(kRunKey, QSettings::NativeFormat);
    return !run.value(kValueName).toString().isEmpty();
}

bool WindowsAutostart::setEnabled(bool enabled, QString *error)
{
    QSettings run(kRunKey, QSettings::NativeFormat);
    if (enabled)
        run.setValue(kValueName, commandLine());
    else
        run.remove(kValueName);
    run.sync();
    if (run.status() != QSettings::NoError) {
        if (error)
            *error = tr("Cannot change %1 in the registry.").arg(location());
        qCWarning(lcAutostart) << "cannot write" << location();
        return false;
    }
    return true;
}
