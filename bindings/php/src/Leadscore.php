<?php
// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore for PHP: a thin class library over the C ABI of libleadscore.so
// through PHP's FFI extension (php8.2-cli ships it; ffi.enable=preload, the
// default, allows it in the CLI and in preloaded code). docs/bindings.md
// ("PHP") shows the flow. One file, `require` it (or map the namespace
// Leadscore\ to it in Composer's "files" autoload).
//
// Memory: each object owns one C handle, freed (states and leads: wiped
// first) when the object is destroyed or by close(). Text the library returns
// is copied into PHP strings at once (the ABI's ownership rule).
// Times are int Unix nanoseconds, or RFC 3339 strings where noted.

declare(strict_types=1);

namespace Leadscore;

/** A failed call: the C status (code and name) and every detail. */
final class LeadscoreException extends \RuntimeException
{
    /**
     * @param list<array{source: string, line: int, pointer: string, message: string}> $details
     *        model problems with their JSON pointers, or the bad line of a batch
     *        (source "leads"/"events", 1-based line)
     */
    public function __construct(string $message, int $status, public readonly string $statusName,
                                public readonly array $details)
    {
        parent::__construct($message, $status);
    }
}

/** The FFI binding of libleadscore.so (one per process). */
final class Library
{
    private static ?\FFI $ffi = null;

    public const OK = 0;
    public const OUTCOMES = ['applied', 'reordered', 'duplicate', 'late'];

    /**
     * Loads the library: $path, else the environment's LEADSCORE_LIBRARY, else
     * "libleadscore.so.0" from the system's library path. Idempotent.
     */
    public static function load(?string $path = null): \FFI
    {
        if (self::$ffi === null) {
            $lib = $path ?? (getenv('LEADSCORE_LIBRARY') ?: 'libleadscore.so.0');
            self::$ffi = \FFI::cdef((string) file_get_contents(__DIR__ . '/leadscore_ffi.h'), $lib);
        }
        return self::$ffi;
    }

    public static function ffi(): \FFI
    {
        return self::$ffi ?? self::load();
    }

    /** The library's version, "MAJOR.MINOR.PATCH". */
    public static function version(): string
    {
        return self::ffi()->leadscore_version();
    }

    /** RFC 3339 text -> Unix nanoseconds. */
    public static function parseTime(string $text): int
    {
        $ffi = self::ffi();
        $ns = $ffi->new('int64_t');
        $err = $ffi->new('leadscore_error*');
        self::check($ffi->leadscore_time_parse($text, strlen($text), \FFI::addr($ns), \FFI::addr($err)), $err);
        return $ns->cdata;
    }

    /** int ns or RFC 3339 text -> ns. */
    public static function toNs(int|string $t): int
    {
        return is_int($t) ? $t : self::parseTime($t);
    }

    /** Throws the error of a failed call (and frees the C error object). */
    public static function check(int $status, \FFI\CData $err): void
    {
        if ($status === self::OK) {
            return;
        }
        $ffi = self::ffi();
        $e = $err;  // a leadscore_error* the call filled (NULL when not)
        $details = [];
        $message = '';
        if (!\FFI::isNull($e)) {
            $message = $ffi->leadscore_error_message($e);
            $n = $ffi->leadscore_error_detail_count($e);
            $src = $ffi->new('const char*');
            $line = $ffi->new('uint64_t');
            $ptr = $ffi->new('const char*');
            $msg = $ffi->new('const char*');
            for ($i = 0; $i < $n; $i++) {
                $ffi->leadscore_error_detail($e, $i, \FFI::addr($src), \FFI::addr($line), \FFI::addr($ptr),
                                             \FFI::addr($msg));
                $details[] = ['source' => \FFI::string($src), 'line' => $line->cdata,
                              'pointer' => \FFI::string($ptr), 'message' => \FFI::string($msg)];
            }
            $ffi->leadscore_error_free($e);
        }
        $name = $ffi->leadscore_status_name($status);
        throw new LeadscoreException($message !== '' ? $message : $name, $status, $name, $details);
    }
}

/** Base of the handle classes. */
abstract class Handle
{
    protected ?\FFI\CData $ptr;

    protected function __construct(\FFI\CData $ptr)
    {
        $this->ptr = $ptr;
    }

    abstract protected function free(\FFI\CData $ptr): void;

    /** Frees the C handle now; later calls throw. Idempotent. */
    public function close(): void
    {
        if ($this->ptr !== null) {
            $this->free($this->ptr);
            $this->ptr = null;
        }
    }

    public function __destruct()
    {
        $this->close();
    }

    /** The C handle (for the other classes of this file). */
    public function handle(): \FFI\CData
    {
        if ($this->ptr === null) {
            throw new \LogicException(static::class . ' has been closed');
        }
        return $this->ptr;
    }
}

/** A compiled, immutable model. */
final class Model extends Handle
{
    /** Throws LeadscoreException: NOT_FOUND, DATA_LOSS, INVALID_ARGUMENT (one detail per problem). */
    public static function fromFile(string $path): self
    {
        $ffi = Library::ffi();
        $m = $ffi->new('leadscore_model*');
        $err = $ffi->new('leadscore_error*');
        Library::check($ffi->leadscore_model_from_file($path, \FFI::addr($m), \FFI::addr($err)), $err);
        return new self($m);
    }

    /** From JSON text (or an array, which is json_encode'd). */
    public static function fromJson(string|array $json): self
    {
        $json = is_string($json) ? $json : json_encode($json, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES);
        $ffi = Library::ffi();
        $m = $ffi->new('leadscore_model*');
        $err = $ffi->new('leadscore_error*');
        Library::check($ffi->leadscore_model_from_json($json, strlen($json), \FFI::addr($m), \FFI::addr($err)),
                       $err);
        return new self($m);
    }

    protected function free(\FFI\CData $ptr): void
    {
        Library::ffi()->leadscore_model_free($ptr);
    }
}

/** One lead as the CRM has it: {id, consent, stage?, attributes?}. */
final class Lead extends Handle
{
    /** From JSON text (or an array). Throws INVALID_ARGUMENT. */
    public static function fromJson(string|array $json): self
    {
        $json = is_string($json) ? $json : json_encode($json, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES);
        $ffi = Library::ffi();
        $l = $ffi->new('leadscore_lead*');
        $err = $ffi->new('leadscore_error*');
        Library::check($ffi->leadscore_lead_from_json($json, strlen($json), \FFI::addr($l), \FFI::addr($err)),
                       $err);
        return new self($l);
    }

    protected function free(\FFI\CData $ptr): void
    {
        Library::ffi()->leadscore_lead_free($ptr);
    }
}

/** A model plus the reorder window; immutable. */
final class Scorer extends Handle
{
    /** @param int $reorderWindow recent events a state keeps (default 16; 0: in order only) */
    public function __construct(Model $model, int $reorderWindow = 16)
    {
        $ffi = Library::ffi();
        $opts = $ffi->new('leadscore_scorer_options');
        $opts->struct_size = \FFI::sizeof($opts);
        if ($reorderWindow < 0) {
            throw new \InvalidArgumentException('reorderWindow must not be negative');
        }
        $opts->reorder_window = $reorderWindow;
        $s = $ffi->new('leadscore_scorer*');
        $err = $ffi->new('leadscore_error*');
        Library::check($ffi->leadscore_scorer_new($model->handle(), \FFI::addr($opts), \FFI::addr($s),
                                                  \FFI::addr($err)), $err);
        parent::__construct($s);
    }

    /** A new lead's initial state. */
    public function start(Lead $lead): State
    {
        $ffi = Library::ffi();
        $st = $ffi->new('leadscore_state*');
        $err = $ffi->new('leadscore_error*');
        Library::check($ffi->leadscore_state_start($this->handle(), $lead->handle(), \FFI::addr($st),
                                                   \FFI::addr($err)), $err);
        return new State($st);
    }

    /** A state kept with State::toBytes(). Throws FAILED_PRECONDITION (another
     *  model or window), DATA_LOSS (damaged bytes), UNIMPLEMENTED (newer format). */
    public function restore(string $bytes): State
    {
        $ffi = Library::ffi();
        $st = $ffi->new('leadscore_state*');
        $err = $ffi->new('leadscore_error*');
        Library::check($ffi->leadscore_state_from_bytes($this->handle(), $bytes, strlen($bytes),
                                                        \FFI::addr($st), \FFI::addr($err)), $err);
        return new State($st);
    }

    /**
     * Scores JSON Lines of leads with JSON Lines of events as `leadscore score`
     * does (output byte for byte the CLI's). A bad line throws INVALID_ARGUMENT
     * with one detail (source, line), or with $skipBadLines is listed in
     * BatchResult::$rejected.
     */
    public function scoreBatch(string $leads, ?string $events, int|string $asOf, bool $explain = false,
                               int $threads = 1, bool $skipBadLines = false): BatchResult
    {
        $ffi = Library::ffi();
        $opts = $ffi->new('leadscore_batch_options');
        $opts->struct_size = \FFI::sizeof($opts);
        $opts->explain = $explain ? 1 : 0;
        $opts->threads = $threads;
        $opts->skip_bad_lines = $skipBadLines ? 1 : 0;
        $b = $ffi->new('leadscore_batch*');
        $err = $ffi->new('leadscore_error*');
        Library::check($ffi->leadscore_batch_new($this->handle(), \FFI::addr($opts), \FFI::addr($b),
                                                 \FFI::addr($err)), $err);
        try {
            $out = $ffi->new('const char*');
            $len = $ffi->new('size_t');
            $events ??= '';
            Library::check($ffi->leadscore_batch_score_jsonl($b, $leads, strlen($leads), $events, strlen($events),
                                                             Library::toNs($asOf), \FFI::addr($out),
                                                             \FFI::addr($len), \FFI::addr($err)), $err);
            $output = \FFI::string($out, $len->cdata);
            $count = $ffi->new('size_t');
            $ffi->leadscore_batch_rejected_count($b, \FFI::addr($count));
            $rejected = [];
            $src = $ffi->new('const char*');
            $line = $ffi->new('uint64_t');
            $msg = $ffi->new('const char*');
            for ($i = 0; $i < $count->cdata; $i++) {
                $ffi->leadscore_batch_rejected($b, $i, \FFI::addr($src), \FFI::addr($line), \FFI::addr($msg));
                $rejected[] = ['source' => \FFI::string($src), 'line' => $line->cdata,
                               'message' => \FFI::string($msg)];
            }
            return new BatchResult($output, $rejected);
        } finally {
            $ffi->leadscore_batch_free($b);
        }
    }

    protected function free(\FFI\CData $ptr): void
    {
        Library::ffi()->leadscore_scorer_free($ptr);
    }
}

/** What a batch call gave. */
final class BatchResult
{
    /** @param list<array{source: string, line: int, message: string}> $rejected */
    public function __construct(public readonly string $output, public readonly array $rejected)
    {
    }

    /** @return list<array<string, mixed>> the scorecards, in leads order */
    public function scorecards(): array
    {
        $lines = array_filter(explode("\n", $this->output), fn($l) => $l !== '');
        return array_values(array_map(fn($l) => json_decode($l, true, 512, JSON_THROW_ON_ERROR), $lines));
    }
}

/** One lead's scoring state (one request at a time). */
final class State extends Handle
{
    public function __construct(\FFI\CData $ptr)
    {
        parent::__construct($ptr);
    }

    /**
     * Applies an event (spec section 2: JSON text or an array; its lead_id is the lead's).
     * @return array{outcome: string, transitions: list<array{from: string, to: string, at: int}>}
     *         outcome: applied, reordered (late within the window, merged), duplicate
     *         (ignored), late (older than the window: refused; rescore from history)
     */
    public function apply(Lead $lead, string|array $event): array
    {
        $event = is_string($event) ? $event : json_encode($event, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES);
        $ffi = Library::ffi();
        $outcome = $ffi->new('leadscore_apply_outcome');
        $count = $ffi->new('size_t');
        $err = $ffi->new('leadscore_error*');
        Library::check($ffi->leadscore_state_apply_json($this->handle(), $lead->handle(), $event, strlen($event),
                                                        \FFI::addr($outcome), \FFI::addr($count),
                                                        \FFI::addr($err)), $err);
        return $this->result($outcome->cdata, $count->cdata);
    }

    private function result(int $outcome, int $count): array
    {
        $ffi = Library::ffi();
        $from = $ffi->new('const char*');
        $to = $ffi->new('const char*');
        $at = $ffi->new('int64_t');
        $transitions = [];
        for ($i = 0; $i < $count; $i++) {
            $ffi->leadscore_state_transition($this->handle(), $i, \FFI::addr($from), \FFI::addr($to),
                                             \FFI::addr($at));
            $transitions[] = ['from' => \FFI::string($from), 'to' => \FFI::string($to), 'at' => $at->cdata];
        }
        return ['outcome' => Library::OUTCOMES[$outcome] ?? "unknown($outcome)", 'transitions' => $transitions];
    }

    /** The scorecard line of `leadscore score` (no newline). Throws
     *  FAILED_PRECONDITION for an as-of before the newest applied event. */
    public function scoreJson(Lead $lead, int|string $asOf, bool $explain = false): string
    {
        $ffi = Library::ffi();
        $json = $ffi->new('const char*');
        $len = $ffi->new('size_t');
        $err = $ffi->new('leadscore_error*');
        Library::check($ffi->leadscore_state_score_json($this->handle(), $lead->handle(), Library::toNs($asOf),
                                                        $explain ? 1 : 0, \FFI::addr($json), \FFI::addr($len),
                                                        \FFI::addr($err)), $err);
        return \FFI::string($json, $len->cdata);
    }

    /** @return array<string, mixed> the scorecard decoded */
    public function score(Lead $lead, int|string $asOf, bool $explain = false): array
    {
        return json_decode($this->scoreJson($lead, $asOf, $explain), true, 512, JSON_THROW_ON_ERROR);
    }

    /** The state as bytes (binary; base64 them for a text column) until the next request. */
    public function toBytes(): string
    {
        $ffi = Library::ffi();
        $bytes = $ffi->new('const void*');
        $len = $ffi->new('size_t');
        $err = $ffi->new('leadscore_error*');
        Library::check($ffi->leadscore_state_to_bytes($this->handle(), \FFI::addr($bytes), \FFI::addr($len),
                                                      \FFI::addr($err)), $err);
        return \FFI::string($bytes, $len->cdata);
    }

    protected function free(\FFI\CData $ptr): void
    {
        Library::ffi()->leadscore_state_free($ptr);
    }
}
