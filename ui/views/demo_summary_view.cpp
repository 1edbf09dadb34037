#include "views/demo_summary_view.h"

#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace seckill::ui {

DemoSummaryView::DemoSummaryView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("demo.summary"));
    verdict_ = new QLabel(tr("The summary appears here when the demo is over."), this);
    verdict_->setWordWrap(true);
    text_ = new QPlainTextEdit(this);
    text_->setReadOnly(true);
    text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text_->setMinimumHeight(160);
    save_text_ = new QPushButton(tr("Save as &text…"), this);
    save_json_ = new QPushButton(tr("Save as &JSON…"), this);
    save_csv_ = new QPushButton(tr("Save as &CSV…"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    for (QPushButton* b : {save_text_, save_json_, save_csv_}) {
        b->setEnabled(false);
        buttons->addWidget(b);
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(verdict_);
    layout->addWidget(text_, 1);
    layout->addLayout(buttons);
    connect(save_text_, &QPushButton::clicked, this, [this] { askSave(Format::text); });
    connect(save_json_, &QPushButton::clicked, this, [this] { askSave(Format::json); });
    connect(save_csv_, &QPushButton::clicked, this, [this] { askSave(Format::csv); });
}

void DemoSummaryView::setSummary(const DemoSummary& summary) {
    if (current_ && current_->group_commit != summary.group_commit) other_ = current_;
    current_ = summary;
    verdict_->setText(
        tr("Demo sale %1 is over: %2 of %3 units paid, %4 expired, %5 cancelled; invariants %6.")
            .arg(QString::fromStdString(summary.sale))
            .arg(summary.paid)
            .arg(summary.stock)
            .arg(summary.expired)
            .arg(summary.cancelled)
            .arg(summary.invariants_hold() ? tr("hold") : tr("DO NOT all hold")));
    text_->setPlainText(text());
    for (QPushButton* b : {save_text_, save_json_, save_csv_}) b->setEnabled(true);
}

QString DemoSummaryView::text() const {
    if (!current_) return {};
    QString t = QString::fromStdString(current_->to_text());
    if (other_) {
        // Earlier run first: the lesson reads "before, after".
        t += tr("\nGroup commit on and off, the same sale:\n") +
             QString::fromStdString(current_->group_commit ? compare_text(*current_, *other_)
                                                           : compare_text(*other_, *current_));
    }
    return t;
}

QString DemoSummaryView::save(const QString& path, Format format) const {
    if (!current_) return tr("no demo has finished yet");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return tr("cannot write %1: %2").arg(path, f.errorString());
    const std::string body = format == Format::json  ? current_->to_json()
                             : format == Format::csv ? current_->to_csv()
                                                     : text().toStdString();
    if (f.write(body.data(), qint64(body.size())) != qint64(body.size()))
        return tr("cannot write %1").arg(path);
    return {};
}

void DemoSummaryView::askSave(Format format) {
    const char* ext = format == Format::json ? "json" : format == Format::csv ? "csv" : "txt";
    const QString name = QStringLiteral("%1.%2").arg(
        QString::fromStdString(current_ ? current_->sale : "demo"), QLatin1String(ext));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save demo summary"), name);
    if (path.isEmpty()) return;
    if (const QString err = save(path, format); !err.isEmpty()) verdict_->setText(err);
}

}  // namespace seckill::ui
