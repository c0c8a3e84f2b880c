#pragma once

// The headers nearly every test includes, precompiled once per test directory (tests/CMakeLists.txt). Only headers
// that cost much to parse and change never: Qt's and the standard library's, not the project's.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSettings>
#include <QSignalSpy>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <QVariant>

#include <functional>
#include <memory>
