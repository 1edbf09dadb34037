#pragma once
// A fixed-capacity ring: the newest `capacity` values, oldest first. The charts keep five
// minutes of samples in these instead of growing lists that would need trimming.
#include <cstddef>
#include <vector>

namespace seckill::ui {

template <class T>
class RingBuffer {
  public:
    explicit RingBuffer(std::size_t capacity) : data_(capacity) {}

    void push(T value) {
        data_[(start_ + size_) % data_.size()] = std::move(value);
        if (size_ < data_.size())
            ++size_;
        else
            start_ = (start_ + 1) % data_.size();
    }
    void clear() { start_ = size_ = 0; }

    std::size_t size() const { return size_; }
    std::size_t capacity() const { return data_.size(); }
    bool empty() const { return size_ == 0; }
    // i = 0 is the oldest value kept.
    const T& operator[](std::size_t i) const { return data_[(start_ + i) % data_.size()]; }
    const T& back() const { return (*this)[size_ - 1]; }

  private:
    std::vector<T> data_;
    std::size_t start_ = 0;
    std::size_t size_ = 0;
};

}  // namespace seckill::ui
