#include "history/stored_history.h"

namespace seckill::ui {
namespace {

// Metric m of rows (whose first metric is number `first`), summed from the first with `stacked`.
template <std::size_t N>
std::vector<QList<QPointF>> split(const StoredRows<N>& rows, std::size_t m, std::size_t first,
                                  bool stacked, Millis from, Millis gap_ms) {
    return split_at_gaps(
        rows.at.size(), [&](std::size_t i) { return rows.at[i]; },
        [&](std::size_t i) {
            double sum = 0;
            for (std::size_t k = stacked ? 0 : m - first; k <= m - first; ++k)
                sum += rows.values[i][k];
            return sum;
        },
        from, gap_ms);
}

}  // namespace

StoredHistory::StoredHistory(Millis from, Millis to, Millis gap_ms,
                             StoredRows<cluster_metric_count> cluster,
                             StoredRows<sale_metric_count> sale)
    : from_(from), to_(to), gap_ms_(gap_ms), cluster_(std::move(cluster)), sale_(std::move(sale)) {}

std::vector<QList<QPointF>> StoredHistory::segments(Metric m, bool stacked) const {
    const auto i = std::size_t(m);
    if (i < cluster_metric_count) return split(cluster_, i, 0, stacked, from_, gap_ms_);
    return split(sale_, i, cluster_metric_count, stacked, from_, gap_ms_);
}

Gaps StoredHistory::gaps() const {
    return gaps_between(
        cluster_.at.size(), [this](std::size_t i) { return cluster_.at[i]; }, from_, gap_ms_);
}

}  // namespace seckill::ui
