#include "platform/MacAutostart.h"

#include "common/UiLogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

MacAutostart::MacAutostart(const QString &program, const QStringList &arguments)
    : m_program(program)
    , m_arguments(arguments)
{ }

QString MacAutostart::location() const
{
    return QDir::homePath() + QLatin1String("/Library/LaunchAgents/") + label() + QLatin1String(".plist");
}

QByteArray MacAutostart::plist() const
{
    QString arguments = QStringLiteral("        <string>%1</string>\n").arg(m_program.toHtmlEscaped());
    for (const QString &argument : m_arguments)
        arguments += QStringLiteral("        <string>%1</string>\n").arg(argument.toHtmlEscaped());
    return QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                          "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                          "<plist version=\"1.0\">\n"
                          "<dict>\n"
                          "    <key>Label</key>\n"
                          "    <string>%1</string>\n"
                          "    <key>ProgramArguments</key>\n"
                          "    <array>\n"
                          "%2"
                          "    </array>\n"
                          "    <key>RunAtLoad</key>\n"
                          "    <true/>\n"
                          "    <key>ProcessType</key>\n"
                          "    <string>Interactive</string>\n"
                          "</dict>\n"
                          "</plist>\n")
        .arg(label(), arguments)
        .toUtf8();
}

bool MacAutostart::isEnabled() const
{
    return QFileInfo::exists(location());
}

bool MacAutostart::setEnabled(bool enabled, QString *error)
{
    const QString path = location();
    if (!enabled) {
        if (QFileInfo::exists(path) && !QFile::remove(path)) {
            if (error)
                *error = tr("Cannot remove %1.").arg(path);
            return false;
        }
        return true;
    }
    QSaveFile file(path);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        qCWarning(lcAutostart) << "cannot write" << path << ":" << file.errorString();
        return false;
    }
    file.write(plist());
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
