// keel::ssl — the socket API, function for function the Erlang `ssl` module
// (../shared/reference/ssl-reference.txt, DESIGN.md §7). This header is the contract; the
// parts live beside it (socket.cc, listen.cc, tcp.cc, mailbox.cc, reactor.cc, info.cc).
//
//   using namespace std::chrono_literals;
//   auto sock = ssl::connect("example.com", 443, {.cacerts = roots}, 5s);
//   if (!sock) { std::cerr << ssl::format_error(sock.error()) << "\n"; return 1; }
//   KEEL_TRY(sock->send(as_bytes("GET / HTTP/1.0\r\n\r\n")));
//   KEEL_TRY_ASSIGN(Bytes reply, sock->recv(0, 5s));
//
// Handles. `Socket` and `ListenSocket` are cheap copyable handles to one shared connection,
// like an Erlang sslsocket() term: copies compare equal and may be put in messages. The
// connection is closed by close(), or when the last handle to it goes away.
//
// Ownership. Every thread has a Mailbox (self()). The thread that connects or accepts owns
// the socket; active-mode messages go to the owner's mailbox; controlling_process() hands
// the socket to another mailbox, and only the owner may call it ({error, not_owner}). The
// API is thread-compatible: one thread at a time per socket. One reactor thread (epoll),
// started on first use, reads every active socket.
//
// Errors are Errc values (base/result.h) with the Erlang reasons: Errc::closed
// ({error, closed}), Errc::timeout, Errc::options ({options, ...}), Errc::tls_alert (the
// alert in Error::alert()), Errc::bad_cert, Errc::posix (the inet:posix() atom as the
// detail: "econnrefused", "einval", "not_owner", "enotconn"). format_error() renders any
// of them for people.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/kx/kx.h"
#include "tls/config/options.h"

namespace keel::ssl {

using tls::ClientOptions;
using tls::ServerOptions;
using tls::Version;

// nullopt = infinity. `5s`, `100ms` convert implicitly.
using Timeout = std::optional<std::chrono::milliseconds>;
inline constexpr Timeout kInfinity = std::nullopt;

namespace detail {
struct Connection;
struct Listener;
}  // namespace detail
class Mailbox;

// ---- Socket options (inet/gen_tcp options that ssl passes through) -----------------

// {active, false | true | once | N}.
struct Active {
    enum class Mode : uint8_t { off, on, once, count };
    Mode mode = Mode::off;
    int32_t n = 0;  // count: -32768..32767, added to the current counter (Erlang rule)
    static Active passive() { return {Mode::off, 0}; }
    static Active always() { return {Mode::on, 0}; }
    static Active once() { return {Mode::once, 0}; }
    static Active count(int32_t n) { return {Mode::count, n}; }
    bool operator==(const Active&) const = default;
};

// {packet, raw | 0 | 1 | 2 | 4 | line}: how received data is split into messages, and a
// length header added by send() for 1/2/4.
enum class Packet : uint8_t { raw, one, two, four, line };

// For connect/listen, every unset field takes its default; for setopts, only the set
// fields change; getopts returns every field set.
struct SocketOptions {
    std::optional<Active> active{};         // default passive
    std::optional<Packet> packet{};         // default raw
    std::optional<uint32_t> packet_size{};  // 0 = no limit (default)
    std::optional<bool> nodelay{};          // TCP_NODELAY, default false
    std::optional<bool> reuseaddr{};        // listen: default true
    std::optional<std::string> ip{};        // bind address; listen default "0.0.0.0"
    std::optional<uint16_t> local_port{};   // connect: bind to this port
    std::optional<int> backlog{};           // listen: default 5
    std::optional<std::chrono::milliseconds> send_timeout{};  // default infinity
};

// ---- Information --------------------------------------------------------------------

struct Address {
    std::string ip;  // "127.0.0.1", "::1"
    uint16_t port = 0;
    bool operator==(const Address&) const = default;
};

// getstat/1: the underlying TCP socket's counters (bytes on the wire, TLS records incl.).
struct Stats {
    uint64_t recv_oct = 0, recv_cnt = 0, recv_max = 0;
    uint64_t send_oct = 0, send_cnt = 0, send_max = 0;
    uint64_t send_pend = 0;
};

// connection_information/1,2. With /2 only the asked items are filled.
enum class InfoItem : uint8_t {
    protocol,
    selected_cipher_suite,
    sni_hostname,
    session_resumption,
    ecc,  // the negotiated group, Erlang {ecc, Group} (named for every group here)
    signature_scheme,
    alpn,
    client_random,  // with keep_secrets only
    server_random,  // with keep_secrets only
    keylog,         // with keep_secrets only
};
struct ConnectionInfo {
    std::optional<Version> protocol;
    std::optional<tls::CipherSuite> selected_cipher_suite;
    std::optional<std::string> sni_hostname;  // what the client sent
    std::optional<bool> session_resumption;
    std::optional<crypto::NamedGroup> group;
    std::optional<crypto::SignatureScheme> signature_scheme;  // the peer's CertificateVerify
    std::optional<std::string> alpn;
    std::optional<Bytes> client_random, server_random;
    std::optional<std::vector<std::string>> keylog;  // NSS key log lines
};

enum class ShutdownHow : uint8_t { read, write, read_write };

// ---- Sockets ------------------------------------------------------------------------

class Socket {
  public:
    Socket() = default;
    explicit Socket(std::shared_ptr<detail::Connection> c) : c_(std::move(c)) {}

    // Unique per connection for the life of the process; 0 for an empty handle.
    uint64_t id() const;
    bool operator==(const Socket& o) const { return c_ == o.c_; }

    // handshake/1,2 on an accepted socket (server), or when connect used
    // {handshake, hello}. Returns this socket.
    Result<Socket> handshake(Timeout timeout = kInfinity);
    // handshake/3: extra options — `options` replaces the listen socket's for this
    // connection (copy the listen options and change what differs).
    Result<Socket> handshake(const ServerOptions& options, Timeout timeout = kInfinity);

    // send/2: all of `data` (split into records; with packet 1/2/4 a header is added).
    Result<void> send(ByteView data);
    // recv/2,3 (passive mode only, else einval): `length` 0 = whatever is available
    // (at least one byte, or one packet); otherwise exactly `length` bytes (packet raw)
    // unless the connection closes first. Errc::closed at the end, Errc::timeout.
    Result<Bytes> recv(size_t length, Timeout timeout = kInfinity);

    // close/1: sends close_notify and releases the socket. close/2 with a timeout: also
    // waits up to `timeout` for the peer's close_notify.
    Result<void> close();
    Result<void> close(Timeout timeout);
    // shutdown/2: write sends close_notify (half-close); read stops delivering data.
    Result<void> shutdown(ShutdownHow how);

    Result<void> setopts(const SocketOptions& options);
    Result<SocketOptions> getopts() const;
    // controlling_process/2: only the owner may call it.
    Result<void> controlling_process(std::shared_ptr<Mailbox> new_owner);

    Result<Bytes> peercert() const;  // DER; no_peercert
    Result<Address> peername() const;
    Result<Address> sockname() const;
    Result<Stats> getstat() const;
    Result<std::string> negotiated_protocol() const;  // protocol_not_negotiated
    Result<ConnectionInfo> connection_information() const;
    Result<ConnectionInfo> connection_information(std::span<const InfoItem> items) const;

    // The TLS 1.3 exporter (export_key_materials/4).
    Result<SecretBytes> export_key_materials(std::string_view label, ByteView context,
                                             size_t length) const;

    const std::shared_ptr<detail::Connection>& connection() const { return c_; }

  private:
    std::shared_ptr<detail::Connection> c_;
};

class ListenSocket {
  public:
    ListenSocket() = default;
    explicit ListenSocket(std::shared_ptr<detail::Listener> l) : l_(std::move(l)) {}

    // transport_accept/1,2: a connected socket whose handshake has not run; call
    // Socket::handshake next. The accepted socket is owned by the caller.
    Result<Socket> transport_accept(Timeout timeout = kInfinity);
    Result<Address> sockname() const;
    Result<void> close();

  private:
    std::shared_ptr<detail::Listener> l_;
};

// A plain TCP connection, for STARTTLS-style upgrades (gen_tcp's part of the story).
class TcpSocket {
  public:
    static Result<TcpSocket> connect(std::string_view host, uint16_t port,
                                     Timeout timeout = kInfinity);
    // Accepts one connection on a listening TCP socket made by tcp_listen().
    static Result<TcpSocket> accept(int listen_fd, Timeout timeout = kInfinity);

    TcpSocket() = default;
    explicit TcpSocket(int fd) : fd_(fd) {}
    TcpSocket(TcpSocket&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
    TcpSocket& operator=(TcpSocket&& o) noexcept;
    ~TcpSocket();

    Result<void> send(ByteView data);
    Result<Bytes> recv(size_t length, Timeout timeout = kInfinity);
    int fd() const { return fd_; }
    // Gives up the descriptor (the TLS socket takes it over).
    int release();

  private:
    int fd_ = -1;
};
// A listening TCP socket (fd) on ip:port (port 0: any free port).
Result<int> tcp_listen(std::string_view ip, uint16_t port, int backlog = 5);

// ---- Messages for active mode -------------------------------------------------------

namespace msg {
struct Ssl {  // {ssl, Socket, Data}
    Socket socket;
    Bytes data;
};
struct SslClosed {  // {ssl_closed, Socket}
    Socket socket;
};
struct SslError {  // {ssl_error, Socket, Reason}
    Socket socket;
    Error error;
};
struct SslPassive {  // {ssl_passive, Socket}: an {active, N} counter reached 0
    Socket socket;
};
}  // namespace msg
using Message = std::variant<msg::Ssl, msg::SslClosed, msg::SslError, msg::SslPassive>;

// The socket a message is about.
const Socket& message_socket(const Message& m);

// A thread's inbox (an Erlang process mailbox, for ssl messages only). Thread-safe.
class Mailbox {
  public:
    void post(Message m);
    // The oldest message, waiting up to `timeout`; nullopt on timeout.
    std::optional<Message> receive(Timeout timeout = kInfinity);
    size_t size() const;

  private:
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Message> queue_;
};

// The calling thread's mailbox (created on first use, lives as long as handles to it).
std::shared_ptr<Mailbox> self();

// ---- Functions -----------------------------------------------------------------------

// connect/3,4: resolves `host`, connects, and runs the handshake (unless the options say
// {handshake, hello}). `host` is also the SNI and the name the certificate is checked
// for (server_name_indication overrides). With verify_peer (the default) and no CA
// (cacerts/cacertfile), this is {options, ...} before any connection is made.
Result<Socket> connect(std::string_view host, uint16_t port, const ClientOptions& options,
                       Timeout timeout = kInfinity);
Result<Socket> connect(std::string_view host, uint16_t port, const ClientOptions& options,
                       const SocketOptions& socket_options, Timeout timeout = kInfinity);
// connect/2,3 upgrade: TLS over an already connected TCP socket; `host` as above.
Result<Socket> connect(TcpSocket tcp, std::string_view host, const ClientOptions& options,
                       Timeout timeout = kInfinity);

// listen/2: port 0 picks a free port (sockname tells which).
Result<ListenSocket> listen(uint16_t port, const ServerOptions& options,
                            const SocketOptions& socket_options = {});

// handshake/2,3 server-side upgrade of a connected TCP socket.
Result<Socket> handshake(TcpSocket tcp, const ServerOptions& options, Timeout timeout = kInfinity);

// format_error/1: a sentence for people ("TLS alert received: unknown_ca", "closed").
std::string format_error(const Error& error);

// versions/0.
struct VersionsInfo {
    std::vector<Version> supported;    // enabled by default
    std::vector<Version> available;    // implemented and may be enabled
    std::vector<Version> implemented;  // everything keel knows
    std::vector<Version> supported_dtls, available_dtls, implemented_dtls;
};
VersionsInfo versions();

// groups/0 (every group keel implements) and groups(default).
std::vector<crypto::NamedGroup> groups();
std::vector<crypto::NamedGroup> default_groups();

}  // namespace keel::ssl
