#pragma once
// "Demo sale" in one click: three local nodes, a 1,000-unit sale opened at once, and a
// spike of 50,000 buyers, some of whom pay or cancel, so the dashboard shows a whole sale
// from the opening rush to sold out.
#include <QObject>
#include <QString>

#include "backend/console_backend.h"
#include "load/load_options.h"

class QTimer;

namespace seckill::ui {

class LoadPanel;

struct DemoPlan {
    int nodes = 3;
    std::int64_t stock = 1000;
    std::int64_t pay_timeout_s = 30;  // short, so expiry returns units during the demo
    load::LoadOptions load = default_load();

    static load::LoadOptions default_load();
};

class DemoScenario final : public QObject {
    Q_OBJECT

public:
    DemoScenario(LoadPanel& load, QObject* parent = nullptr);

    // Sets up the sale on `backend` and starts the load once every node serves it.
    void start(ConsoleBackend& backend, const DemoPlan& plan = {});
    // Feed every snapshot: the scenario waits for the sale and nodes to appear in one.
    void onSnapshot(const SnapshotPtr& snap);
    const QString& saleId() const { return sale_; }

Q_SIGNALS:
    void loadStarted(const QString& sale);
    void failed(const QString& reason);

private:
    LoadPanel& load_;
    DemoPlan plan_;
    QString sale_;
    bool waiting_ = false;
    QTimer* deadline_;
};

}  // namespace seckill::ui
