// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Reading the worked examples of docs/*.md that tests compare with real
// outputs.

#ifndef LEADSCORE_TESTS_SUPPORT_DOC_EXAMPLES_H_
#define LEADSCORE_TESTS_SUPPORT_DOC_EXAMPLES_H_

#include <cstddef>
#include <string>

namespace leadscore_test {

// For docs whose worked examples are checked by tests: the fenced
// ```text block after `marker` in `doc` (without the fences), or a message
// saying what was not found (so a comparison with it fails readably).
// `language` picks another block kind (say "json", "jsonl").
inline std::string FencedBlockAfter(const std::string& doc, const std::string& marker,
                                    const std::string& language = "text") {
  const size_t at = doc.find(marker);
  if (at == std::string::npos) return "(marker not found: " + marker + ")";
  const std::string fence = "```" + language + "\n";
  const size_t open = doc.find(fence, at);
  if (open == std::string::npos) return "(no ```" + language + " block after the marker)";
  const size_t start = open + fence.size();
  const size_t close = doc.find("\n```\n", start - 1);
  if (close == std::string::npos) return "(unclosed block)";
  return doc.substr(start, close + 1 - start);
}

}  // namespace leadscore_test

#endif  // LEADSCORE_TESTS_SUPPORT_DOC_EXAMPLES_H_
