#pragma once

#include <QObject>

#include <memory>

class Clock;
class ClockTimer;

// Watches a live connection for the ways it dies without saying so, for every protocol alike:
//  - silence: nothing arrived for longer than the negotiated (or configured) interval allows -> silenceExceeded();
//  - a clock jump: the wall clock moved against the monotonic one (the computer slept; the connection is probably
//    dead and nobody told us) -> clockJumped(), upon which the source probes;
//  - a probe: after a clock jump or a network change the source provokes an answer (a ping, a heart-beat) and gives
//    the server a short window -> probeAnswered() on any traffic, probeFailed() when the window passes in silence.
//
// The source tells it about every inbound byte (noteActivity()). Clock jumps are looked for when its own timers fire,
// and whenever the source calls checkClockJump() from its own periodic work (sending heart-beats); a connection with
// neither asks for a wall-clock check every kWallCheckMs. Time comes from the Clock seam.
class LivenessMonitor final : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kWallCheckMs = 30000; // suspend/resume check when nothing else ticks
    static constexpr qint64 kClockJumpThresholdMs = 15000; // wall vs monotonic drift that means "we slept"
    static constexpr qint64 kRearmAfterMs = 1000; // traffic moves the silence deadline at most this often

    explicit LivenessMonitor(QObject *parent = nullptr);
    ~LivenessMonitor() override;
    Q_DISABLE_COPY_MOVE(LivenessMonitor)

    void setClock(Clock *clock); // nullptr means Clock::system()

    // A connection came up now. silenceLimitMs > 0: silenceExceeded() after that long without traffic. wallCheck:
    // look for clock jumps every kWallCheckMs (for connections with no periodic work of their own).
    void start(qint64 silenceLimitMs, bool wallCheck);
    void stop();
    bool isRunning() const { return m_running; }

    // Inbound traffic of any kind (frames, heart-beats, pongs); answers a running probe.
    void noteActivity();
    qint64 silenceMs() const; // since the last traffic
    qint64 silenceLimitMs() const { return m_silenceLimitMs; }
    // Changes the silence limit of the running connection (0: none), for a source that learns it from the server's
    // traffic; the silence counts from the last activity, as before.
    void setSilenceLimit(qint64 silenceLimitMs);

    // Compares the clocks since the last check; emits clockJumped() and returns true if they drifted apart.
    bool checkClockJump();

    // Expects traffic within windowMs (the source has just provoked some).
    void probe(qint64 windowMs);
    bool isProbing() const;

Q_SIGNALS:
    void silenceExceeded(qint64 silenceMs);
    void clockJumped(qint64 driftMs);
    void probeAnswered();
    void probeFailed();

private:
    void armSilenceCheck();
    void onSilenceTimer();
    void onWallTimer();
    void onProbeTimer();

    Clock *m_clock = nullptr;
    std::unique_ptr<ClockTimer> m_silenceTimer;
    std::unique_ptr<ClockTimer> m_wallTimer;
    std::unique_ptr<ClockTimer> m_probeTimer;
    qint64 m_silenceLimitMs = 0;
    qint64 m_lastActivityMs = 0;
    qint64 m_armedActivityMs = 0; // the activity the silence timer was last armed from
    qint64 m_lastWallMs = 0; // wall clock at the last check
    qint64 m_lastMonotonicMs = 0; // monotonic clock at the same moment
    bool m_running = false;
};
