#pragma once

#include "config/KeychainBackend.h"

#include <QTest>

#include <functional>
#include <optional>

// Starts one keychain operation with `start` and waits for its answer (a failure saying so when none comes).
inline KeychainBackend::Answer answerOf(const std::function<void(KeychainBackend::Done)> &start)
{
    std::optional<KeychainBackend::Answer> answer;
    start([&answer](const KeychainBackend::Answer &given) { answer = given; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000))
        return {KeychainBackend::Status::Failed, {}, QStringLiteral("no answer")};
    return *answer;
}
