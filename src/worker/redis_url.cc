// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/worker/redis_url.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace leadscore {
namespace {

constexpr absl::string_view kSingle = "redis://";
constexpr absl::string_view kCluster = "redis+cluster://";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool PercentDecode(absl::string_view in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out->push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    const int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

absl::Status Bad(absl::string_view url, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("Redis URL '", MaskRedisUrl(url), "': ", why,
                   " (forms: redis://[:password@]host[:port][/db], "
                   "redis+cluster://[:password@]host:port[,host:port...])"));
}

absl::StatusOr<RedisEndpoint> ParseHostPort(absl::string_view url, absl::string_view text,
                                            bool port_required) {
  RedisEndpoint ep;
  absl::string_view port_text;
  if (absl::StartsWith(text, "[")) {
    const size_t close = text.find(']');
    if (close == absl::string_view::npos) return Bad(url, "an IPv6 address lacks its ']'");
    ep.host = std::string(text.substr(1, close - 1));
    absl::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return Bad(url, "expected ':port' after ']'");
      port_text = rest.substr(1);
      if (port_text.empty()) return Bad(url, "an empty port");
    }
  } else {
    const size_t colon = text.rfind(':');
    if (colon != absl::string_view::npos) {
      ep.host = std::string(text.substr(0, colon));
      port_text = text.substr(colon + 1);
      if (port_text.empty()) return Bad(url, "an empty port");
    } else {
      ep.host = std::string(text);
    }
  }
  if (ep.host.empty()) return Bad(url, "no host");
  if (!port_text.empty()) {
    int port = 0;
    if (!absl::SimpleAtoi(port_text, &port) || port < 1 || port > 65535) {
      return Bad(url, absl::StrCat("port '", port_text, "' is not 1..65535"));
    }
    ep.port = port;
  } else if (port_required) {
    return Bad(url, absl::StrCat("cluster node '", text, "' needs a port"));
  }
  return ep;
}

}  // namespace

std::string MaskRedisUrl(absl::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == absl::string_view::npos) return std::string(url);
  const size_t start = scheme + 3;
  const size_t at = url.find('@', start);
  if (at == absl::string_view::npos) return std::string(url);
  const size_t slash = url.find('/', start);
  if (slash != absl::string_view::npos && slash < at) return std::string(url);
  const absl::string_view userinfo = url.substr(start, at - start);
  const size_t colon = userinfo.find(':');
  if (colon == absl::string_view::npos) return std::string(url);
  return absl::StrCat(url.substr(0, start + colon + 1), "***", url.substr(at));
}

absl::StatusOr<RedisUrl> ParseRedisUrl(absl::string_view url) {
  RedisUrl out;
  absl::string_view rest;
  if (absl::StartsWith(url, kSingle)) {
    rest = url.substr(kSingle.size());
  } else if (absl::StartsWith(url, kCluster)) {
    rest = url.substr(kCluster.size());
    out.cluster = true;
  } else {
    return Bad(url, "the scheme must be redis:// or redis+cluster://");
  }
  const size_t at = rest.rfind('@');
  if (at != absl::string_view::npos) {
    const absl::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const size_t colon = userinfo.find(':');
    std::string user, password;
    if (colon == absl::string_view::npos) {
      return Bad(url, "credentials need a ':' before the password ([user]:password@)");
    }
    if (!PercentDecode(userinfo.substr(0, colon), &user) ||
        !PercentDecode(userinfo.substr(colon + 1), &password)) {
      return Bad(url, "a bad percent escape in the credentials");
    }
    if (!user.empty()) out.user = user;
    out.password = password;
  }
  absl::string_view hosts = rest, db_text;
  const size_t slash = rest.find('/');
  if (slash != absl::string_view::npos) {
    hosts = rest.substr(0, slash);
    db_text = rest.substr(slash + 1);
  }
  if (!db_text.empty()) {
    if (out.cluster) return Bad(url, "a cluster has no databases: drop the '/db'");
    if (!absl::SimpleAtoi(db_text, &out.db) || out.db < 0 || out.db > 15) {
      return Bad(url, absl::StrCat("database '", db_text, "' is not 0..15"));
    }
  }
  if (hosts.empty()) return Bad(url, "no host");
  for (absl::string_view part : absl::StrSplit(hosts, ',')) {
    absl::StatusOr<RedisEndpoint> ep = ParseHostPort(url, part, out.cluster);
    if (!ep.ok()) return ep.status();
    out.nodes.push_back(*std::move(ep));
  }
  if (!out.cluster && out.nodes.size() > 1) {
    return Bad(url, "several hosts need redis+cluster://");
  }
  return out;
}

}  // namespace leadscore
