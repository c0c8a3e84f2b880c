#pragma once

// The event-loop stall probe of the benchmarks: a precise QTimer that ticks every `periodMs` on the thread it lives
// in; a gap between two ticks much longer than the period is a stall (the loop was busy, or the thread was not
// scheduled). Gaps are measured in wall time and in the thread's CPU time: the latter leaves out time the OS gave
// to other processes, so it is the event loop's own work.

#include <QElapsedTimer>
#include <QList>
#include <QTimer>

#include <algorithm>
#include <ctime>

class StallProbe final
{
public:
    // CPU time of the calling thread in ms (0 where there is no such clock).
    static double threadCpuMs()
    {
#if defined(CLOCK_THREAD_CPUTIME_ID)
        timespec now {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
#else
        return 0;
#endif
    }

    explicit StallProbe(int periodMs)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(periodMs);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { onTick(); });
    }
    Q_DISABLE_COPY_MOVE(StallProbe)

    // Starts measuring from now (forgetting earlier gaps).
    void start()
    {
        m_gaps.clear();
        m_cpuGaps.clear();
        m_ends.clear();
        m_maxStallMs = 0;
        m_maxCpuStallMs = 0;
        m_clock.start();
        m_lastTick = m_clock.nsecsElapsed();
        m_lastCpu = threadCpuMs();
        m_timer.start();
    }
    void stop()
    {
        m_timer.stop();
    }

    int periodMs() const
    {
        return m_timer.interval();
    }
    int ticks() const
    {
        return int(m_gaps.size());
    }
    // The longest gap between ticks, wall time.
    double maxStallMs() const
    {
        return m_maxStallMs;
    }
    // The longest gap in this thread's CPU time.
    double maxCpuStallMs() const
    {
        return m_maxCpuStallMs;
    }
    // The probe's clock: ns since start().
    qint64 elapsedNs() const
    {
        return m_clock.nsecsElapsed();
    }
    // A percentile (0-100) of the gaps, in ms; of those that ended at or after `sinceNs` (elapsedNs()) if given.
    double gapPercentileMs(int percentile, qint64 sinceNs = 0) const
    {
        return percentileMs(m_gaps, percentile, sinceNs);
    }
    // The same of the gaps in this thread's CPU time: the event loop's own work between two ticks, without the time
    // the OS gave to other threads and processes (on a busy machine most of a long wall-time gap).
    double cpuGapPercentileMs(int percentile, qint64 sinceNs = 0) const
    {
        return percentileMs(m_cpuGaps, percentile, sinceNs);
    }

private:
    double percentileMs(const QList<double> &gaps, int percentile, qint64 sinceNs) const
    {
        QList<double> sorted;
        for (qsizetype i = 0; i < gaps.size(); ++i) {
            if (m_ends.at(i) >= sinceNs)
                sorted.append(gaps.at(i));
        }
        if (sorted.isEmpty())
            return 0;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(std::min<qsizetype>(sorted.size() - 1, sorted.size() * percentile / 100));
    }

    void onTick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        m_gaps.append(double(now - m_lastTick) / 1e6);
        m_ends.append(now);
        m_maxStallMs = std::max(m_maxStallMs, m_gaps.last());
        m_lastTick = now;
        const double cpu = threadCpuMs();
        m_cpuGaps.append(cpu - m_lastCpu);
        m_maxCpuStallMs = std::max(m_maxCpuStallMs, m_cpuGaps.last());
        m_lastCpu = cpu;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    QList<double> m_gaps;
    QList<double> m_cpuGaps; // the same gaps in this thread's CPU time
    QList<qint64> m_ends; // of each gap, ns since start()
    qint64 m_lastTick = 0;
    double m_lastCpu = 0;
    double m_maxStallMs = 0;
    double m_maxCpuStallMs = 0;
};
