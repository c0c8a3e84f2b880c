#include "platform/Autostart.h"

#if defined(Q_OS_WIN)
#include "platform/WindowsAutostart.h"
#elif defined(Q_OS_MACOS)
#include "platform/MacAutostart.h"
#else
#include "platform/XdgAutostart.h"
#endif

std::unique_ptr<Autostart> Autostart::create(const QString &program, const QStringList &arguments)
{
#if defined(Q_OS_WIN)
    return std::make_unique<WindowsAutostart>(program, arguments);
#elif defined(Q_OS_MACOS)
    return std::make_unique<MacAutostart>(program, arguments);
#else
    return std::make_unique<XdgAutostart>(program, arguments);
#endif
}
