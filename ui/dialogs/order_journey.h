#pragma once
// Sale ▸ Order journey…: type or pick an order id, see its timeline (models/journey_stages.h).
// Asks the window's current backend (ConsoleBackend::orderJourney), so every backend
// answers the same way; while the order still waits in the order queue it asks again each
// refresh, and the positions it saw become part of the timeline.
#include <QDialog>
#include <functional>
#include <vector>

#include "backend/journey_answer.h"

class QComboBox;
class QLabel;
class QTableWidget;
class QTimer;

namespace seckill::ui {

class ConsoleBackend;

class OrderJourneyDialog final : public QDialog {
    Q_OBJECT

  public:
    OrderJourneyDialog(std::function<ConsoleBackend*()> backend, int refreshMs,
                       QWidget* parent = nullptr);

    // Looks `orderId` up (the Look up button does the same with what is typed).
    void lookUp(const QString& orderId);
    QComboBox* orderId() const { return id_; }
    QTableWidget* stages() const { return stages_; }
    QLabel* status() const { return status_; }
    // The stage names shown, top to bottom (tests).
    QStringList stageNames() const;

  private:
    void ask();
    void answered(const QString& orderId, const seckill::ui::JourneyAnswer& answer);

    std::function<ConsoleBackend*()> backend_;
    QComboBox* id_;
    QTableWidget* stages_;
    QLabel* status_;
    QTimer* follow_;
    QString asked_;  // the id whose answers are shown
    std::vector<std::int64_t> positions_;
};

}  // namespace seckill::ui
