// Deterministic pseudo-random numbers for leadscore-gen.
//
// Everything here is integer arithmetic, so the same seed gives the same stream with every
// compiler, standard library and CPU (no std::*_distribution, no floating point).
#ifndef LEADSCORE_GEN_RNG_H_
#define LEADSCORE_GEN_RNG_H_

#include <cstddef>
#include <cstdint>

namespace leadscore_gen {

// splitmix64: used to seed xoshiro and to derive independent sub-seeds.
inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Mixes a seed with a stream tag and an index into one 64-bit sub-seed.
inline uint64_t DeriveSeed(uint64_t seed, uint64_t stream, uint64_t index) {
  uint64_t s = seed ^ (stream * 0xD1B54A32D192ED03ULL);
  uint64_t a = SplitMix64(s);
  s = a ^ (index * 0x9E6C63D0676A9A99ULL);
  return SplitMix64(s);
}

// xoshiro256** 1.0 (Blackman & Vigna).
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t s = seed;
    for (auto& w : s_) w = SplitMix64(s);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n); n == 0 returns 0. Unbiased (rejection sampling).
  uint64_t Below(uint64_t n) {
    if (n <= 1) return 0;
    const uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
      const uint64_t x = Next();
      if (x >= threshold) return x % n;
    }
  }

  // Uniform in [lo, hi] (inclusive); requires lo <= hi.
  int64_t Range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }

  // True with probability per_million / 1,000,000.
  bool Chance(uint32_t per_million) { return Below(1000000) < per_million; }

  // Index chosen with probability weights[i] / sum(weights).
  template <size_t N>
  size_t Pick(const uint32_t (&weights)[N]) {
    return PickN(weights, N);
  }
  size_t PickN(const uint32_t* weights, size_t n) {
    uint64_t total = 0;
    for (size_t i = 0; i < n; ++i) total += weights[i];
    uint64_t x = Below(total);
    for (size_t i = 0; i < n; ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return n - 1;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace leadscore_gen

#endif  // LEADSCORE_GEN_RNG_H_
