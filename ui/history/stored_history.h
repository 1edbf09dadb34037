#pragma once
// A stretch of chart history read back from the history file (HistoryStore::load): the
// cluster-wide series and one sale's stock, plotted like the live five minutes. It keeps
// no node's latency (the cluster's merged quantiles only) and no fault bands.
#include <array>
#include <vector>

#include "history/series_source.h"

namespace seckill::ui {

template <std::size_t N>
struct StoredRows {
    std::vector<Millis> at;  // ascending
    std::vector<std::array<double, N>> values;
};

class StoredHistory final : public SeriesSource {
  public:
    StoredHistory() = default;
    // [from, to] is the stretch asked for; samples further apart than gap_ms split a series.
    StoredHistory(Millis from, Millis to, Millis gap_ms, StoredRows<cluster_metric_count> cluster,
                  StoredRows<sale_metric_count> sale);

    Millis newest() const override { return to_; }
    Millis span_ms() const override { return to_ - from_; }
    std::vector<QList<QPointF>> segments(Metric m, bool stacked = false) const override;
    Gaps gaps() const override;
    Millis from() const { return from_; }
    std::size_t samples() const { return cluster_.at.size(); }

  private:
    Millis from_ = 0, to_ = 0, gap_ms_ = 0;
    StoredRows<cluster_metric_count> cluster_;
    StoredRows<sale_metric_count> sale_;
};

}  // namespace seckill::ui
