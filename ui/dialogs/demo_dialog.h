#pragma once
// Cluster ▸ Run demo…: a trainer picks a preset (or sets stock, buyers, rate, shares,
// payment window, group commit), runs it, pauses or ends it, and reads its summary here
// when it is over. Not modal: the window behind shows the sale as it runs.
#include <QDialog>

#include "window/demo_plan.h"
#include "window/demo_scenario.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace seckill::ui {

class DemoSummaryView;

class DemoDialog final : public QDialog {
    Q_OBJECT

  public:
    explicit DemoDialog(QWidget* parent = nullptr);

    // The form's plan: the chosen preset with the operator's changes.
    DemoPlan plan() const;
    void choosePreset(int index);
    void setPhase(DemoScenario::Phase phase);
    void showSummary(const DemoSummary& summary);
    DemoSummaryView* summaryView() const { return summary_; }

  Q_SIGNALS:
    void runRequested(const seckill::ui::DemoPlan& plan);
    void endRequested();
    void pauseRequested(bool paused);

  private:
    void showPlan(const DemoPlan& plan);

    std::vector<DemoPreset> presets_;
    QComboBox* preset_;
    QLabel* about_;
    QSpinBox* stock_;
    QSpinBox* buyers_;
    QDoubleSpinBox* rate_;
    QDoubleSpinBox* duration_;
    QComboBox* profile_;
    QDoubleSpinBox* pay_;
    QDoubleSpinBox* cancel_;
    QSpinBox* timeout_;
    QCheckBox* group_commit_;
    QPushButton* run_;
    QPushButton* pause_;
    QPushButton* end_;
    QLabel* phase_;
    DemoSummaryView* summary_;
};

}  // namespace seckill::ui
