#pragma once
// A demo's summary as the trainer reads it, with its exports (text, JSON, CSV) and, after
// runs with group commit on and off, the two side by side.
#include <QWidget>
#include <optional>

#include "window/demo_summary.h"

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace seckill::ui {

class DemoSummaryView final : public QWidget {
    Q_OBJECT

  public:
    enum class Format { text, json, csv };

    explicit DemoSummaryView(QWidget* parent = nullptr);

    void setSummary(const DemoSummary& summary);
    const std::optional<DemoSummary>& summary() const { return current_; }
    QString text() const;
    // Writes the summary shown; an error sentence, or empty.
    QString save(const QString& path, Format format) const;

  private:
    void askSave(Format format);

    std::optional<DemoSummary> current_;
    // The last run of the other kind (group commit on vs off), for the comparison.
    std::optional<DemoSummary> other_;
    QLabel* verdict_;
    QPlainTextEdit* text_;
    QPushButton* save_text_;
    QPushButton* save_json_;
    QPushButton* save_csv_;
};

}  // namespace seckill::ui
