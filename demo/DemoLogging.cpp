#include "DemoLogging.h"

Q_LOGGING_CATEGORY(lcDemo, "todo.demo", QtInfoMsg)
