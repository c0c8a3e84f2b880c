#pragma once

#include "pipeline/TodoOptions.h"
#include "source/PushSource.h"

#include <QObject>
#include <QPointer>

#include <memory>

class CatchUp;
class Clock;
class TodoIngestor;
class TodoModel;
class TodoStore;

// The todo pipeline, built in one place for every entry point (the tray application, the CLI, the tests and the
// benchmarks):
//
//   PushSource --InboundMessage--> TodoIngestor --commit--> TodoStore --durable--> settle (ACK)
//        \--connected--> CatchUp --GET pending list--/                      \--> TodoModel (for the widgets)
//
// It owns each part. The source is replaceable (the settings changed, the demo started): the ingestor and the catch-up
// follow it, and sourceChanged() tells the widgets. The model is created when first asked for (the CLI has none).
class TodoPipeline final : public QObject
{
    Q_OBJECT

public:
    explicit TodoPipeline(QObject *parent = nullptr);
    ~TodoPipeline() override;
    Q_DISABLE_COPY_MOVE(TodoPipeline)

    // Time for the store and the ingestor (arrival times, retention, coalescing); before open(). nullptr: the system's.
    void setClock(Clock *clock);

    // Opens the store at options.storePath (a path already open is kept; another one replaces it, after the queue
    // is committed) and applies the options. False only when no store can be had at all (TodoStore::open()).
    bool open(const TodoOptions &options);
    // Applies the options that can change while running: time zone, links, retention, catch-up URL.
    void setOptions(const TodoOptions &options);
    const TodoOptions &options() const { return m_options; }

    // Takes `source` (owned from now on; the previous one is stopped and goes) and feeds its messages in. nullptr:
    // none.
    void setSource(std::unique_ptr<PushSource> source);
    PushSource *source() const { return m_source.get(); }

    TodoStore *store() const { return m_store.get(); }
    TodoIngestor *ingestor() const { return m_ingestor.get(); }
    CatchUp *catchUp() const { return m_catchUp.get(); }
    TodoModel *model();
    // The links of todos, against the web base (or the source's first URL when there is none).
    LinkPolicy linkPolicy() const;

    // Commits (and settles) everything queued now; blocks. Before quitting.
    void flush();

Q_SIGNALS:
    void sourceChanged(PushSource *source);

private:
    void applyOptions();

    TodoOptions m_options;
    std::unique_ptr<TodoStore> m_store;
    std::unique_ptr<TodoIngestor> m_ingestor;
    std::unique_ptr<CatchUp> m_catchUp;
    std::unique_ptr<TodoModel> m_model;
    std::unique_ptr<PushSource> m_source;
};
