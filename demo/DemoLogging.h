#pragma once

#include <QLoggingCategory>

// todo.demo: the demo push server, info and up by default. "todo.demo.debug=true" (todo-notifier-demo-server
// --verbose) logs every frame in and out, with secret headers such as the passcode redacted.
Q_DECLARE_LOGGING_CATEGORY(lcDemo)
