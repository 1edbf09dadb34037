#pragma once
// A demo sale from start to summary: local nodes, a sale opened at once, a crowd of
// buyers (some pay, some cancel, the rest let the deadline pass), and once the load is
// over and every payment deadline has passed, the sale ended and its summary handed out.
// Starting a demo ends the previous one's sale, so old demos never pile up as running.
#include <QObject>
#include <QPointer>
#include <QString>
#include <optional>

#include "backend/console_backend.h"
#include "models/pipeline_flow.h"
#include "window/demo_plan.h"
#include "window/demo_summary.h"

class QTimer;

namespace seckill::ui {

class LoadPanel;

class DemoScenario final : public QObject {
    Q_OBJECT

  public:
    enum class Phase { idle, starting, loading, settling, ending };

    DemoScenario(LoadPanel& load, QObject* parent = nullptr);

    // Sets up the sale on `backend` and starts the load once every node serves it.
    void start(ConsoleBackend& backend, const DemoPlan& plan = {});
    // Feed every snapshot: the scenario waits for the sale and nodes to appear in one,
    // and for the end of the payment deadlines.
    void onSnapshot(const SnapshotPtr& snap);
    // The operator ends the demo now: the load stops, the sale ends, the summary follows.
    void endNow();

    const QString& saleId() const { return sale_; }
    const DemoPlan& plan() const { return plan_; }
    Phase phase() const { return phase_; }
    // The stages since this demo's load started (what the summary reports).
    const PipelineFlow& flow() const { return flow_; }
    const std::optional<DemoSummary>& lastSummary() const { return summary_; }

  Q_SIGNALS:
    void loadStarted(const QString& sale);
    void phaseChanged(seckill::ui::DemoScenario::Phase phase);
    void finished(const seckill::ui::DemoSummary& summary);
    void failed(const QString& reason);

  private:
    void setPhase(Phase p);
    void onLoadFinished(const load::LoadReport& report);
    void endSale();
    // The end snapshot is final: the sale ended, every order event in the order DB.
    bool settledAt(const ClusterSnapshot& snap) const;
    void summarizeAt(const ClusterSnapshot& snap);

    LoadPanel& load_;
    DemoPlan plan_;
    QString sale_;
    QPointer<ConsoleBackend> backend_;  // the sale's cluster; null once it is gone
    bool sale_ended_ = true;
    bool ended_early_ = false;
    Phase phase_ = Phase::idle;
    PipelineFlow flow_;
    load::LoadReport report_;
    std::optional<DemoSummary> summary_;
    SnapshotPtr last_;  // of this demo's sale, for a summary the deadline forces
    QTimer* deadline_;  // starting: the sale must come up; ending: the counts must agree
};

}  // namespace seckill::ui
