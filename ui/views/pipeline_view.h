#pragma once
// The Pipeline dock: the stages of one buy (node/pipeline.h) as boxes in the order the
// code decides them, each with its count since the demo (or the nodes) started, its rate
// now and what it is there for; the arrows between them are as thick as the buys they
// carry, so the funnel narrows where most buys end (the sold-out flag, after sell-out).
// Painted with QPainter; reads only snapshots, so it works on every backend.
#include <QWidget>

#include "models/pipeline_flow.h"

namespace seckill::ui {

class PipelineView final : public QWidget {
    Q_OBJECT

  public:
    explicit PipelineView(QWidget* parent = nullptr);

    void setSnapshot(const ClusterSnapshot& snap);
    // Counts start again from `snap` (a demo starting): `since` names the moment.
    void rebase(const ClusterSnapshot& snap, const QString& since);
    const PipelineFlow& flow() const { return flow_; }
    // The number lines of a stage's box, as painted (for tests and the tooltip).
    QString boxText(node::Stage s) const;

    QSize sizeHint() const override { return {1200, heightForWidth(1200)}; }
    QSize minimumSizeHint() const override {
        return {box_min_w + 2 * margin, heightForWidth(box_min_w + 2 * margin)};
    }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int w) const override;

  protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;  // a box's tooltip: what it protects, which file decides

  private:
    static constexpr int margin = 8, header_h = 22, box_min_w = 170, box_h = 96, gap_x = 30,
                         gap_y = 30;
    int columns(int width) const;
    QRect boxRect(std::size_t index, int width) const;
    // Arrow width for what flows into `s`: rates while buys arrive, counts once they stop.
    double arrowWidth(node::Stage s) const;
    void paintBox(QPainter& p, const node::StageInfo& st, const QRect& r) const;
    void paintArrow(QPainter& p, const QRect& from, const QRect& to, double width) const;

    PipelineFlow flow_;
    QString since_;
};

}  // namespace seckill::ui
