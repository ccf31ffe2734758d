// Replays every handshake of RFC 8448 (simple 1-RTT, resumed 0-RTT, HelloRetryRequest,
// client authentication, compatibility mode) through Transcript and the key schedule:
// the transcript is built only from the handshake messages the trace prints, and every
// secret, traffic key, IV, finished key, verify_data, PSK binder and resumption PSK the
// trace prints must come out byte for byte.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

#include "base/reader.h"
#include "tests/tls/schedule/rfc8448_trace.h"
#include "tests/vectors/json.h"
#include "tls/alert.h"
#include "tls/schedule/cipher_suite.h"
#include "tls/schedule/key_schedule.h"
#include "tls/schedule/keylog.h"
#include "tls/schedule/transcript.h"

namespace keel::tls {
namespace {

using test::hex;
using test::TraceSection;
using test::TraceStep;

// RFC 8446 §4.1.3: the ServerHello.random that marks a HelloRetryRequest.
const Bytes kHrrRandom =
    test::unhex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}

// The text between the first pair of double quotes: derive secret "tls13 c hs traffic".
std::string quoted_name(std::string_view title) {
    size_t a = title.find('"');
    size_t b = title.find('"', a + 1);
    if (a == std::string_view::npos || b == std::string_view::npos) return {};
    return std::string(title.substr(a + 1, b - a - 1));
}

struct ServerHelloInfo {
    uint16_t suite = 0;
    bool hrr = false;
};

ServerHelloInfo parse_server_hello(ByteView msg) {
    ServerHelloInfo out;
    Reader r(msg);
    uint8_t type = 0;
    Reader body, session_id;
    uint16_t version = 0;
    ByteView random;
    EXPECT_TRUE(r.u8(&type) && r.prefixed24(&body) && body.u16(&version) &&
                body.bytes(32, &random) && body.prefixed8(&session_id) && body.u16(&out.suite));
    EXPECT_EQ(type, 2);
    out.hrr = Bytes(random.begin(), random.end()) == kHrrRandom;
    return out;
}

// The declared length of a handshake message plus its 4-byte header.
size_t message_size(ByteView msg) {
    if (msg.size() < 4) return 0;
    return 4 + (size_t{msg[1]} << 16 | size_t{msg[2]} << 8 | msg[3]);
}

struct Counts {
    int extracts = 0, derives = 0, keys = 0, finished = 0, binders = 0, resumption = 0;
};

class HandshakeReplay {
  public:
    explicit HandshakeReplay(const TraceSection& s) : section_(s) {
        // The suite the (final) ServerHello picks decides the hash of every step,
        // including the server's early secret printed before its ServerHello.
        for (const TraceStep& st : s.steps) {
            if (starts_with(st.title, "construct a ServerHello")) {
                ServerHelloInfo sh = parse_server_hello(st.at("ServerHello"));
                if (!sh.hrr) suite_ = find_suite(sh.suite);
            }
        }
        EXPECT_NE(suite_, nullptr) << "section " << s.number << ": no ServerHello suite";
    }

    Counts run(const Bytes* expected_psk) {
        expected_psk_ = expected_psk;
        for (const TraceStep& st : section_.steps) {
            if (!suite_ || ::testing::Test::HasFatalFailure()) break;
            step(st);
        }
        return counts_;
    }

    const Bytes& resumption_psk() const { return resumption_psk_; }

  private:
    Bytes hash() const {
        Transcript t = transcript_;
        EXPECT_TRUE(t.set_hash(suite_->hash).ok());
        crypto::AnyDigest d = t.hash();
        return Bytes(d.view().begin(), d.view().end());
    }

    ByteView secret(const std::string& label) {
        auto it = secrets_.find(label);
        EXPECT_NE(it, secrets_.end()) << "secret '" << label << "' not derived yet";
        return it == secrets_.end() ? ByteView() : it->second.view();
    }

    std::string where(const TraceStep& st) const {
        return "section " + std::to_string(section_.number) + ", {" + st.who + "} " + st.title;
    }

    void step(const TraceStep& st) {
        SCOPED_TRACE(where(st));
        const std::string& t = st.title;
        if (starts_with(t, "construct a ")) return construct(st);
        if (starts_with(t, "send handshake record") && pending_) return add_pending(st);
        if (st.fields.empty()) return;  // "(same as server)" steps repeat nothing
        if (starts_with(t, "extract secret ")) return extract(st);
        if (starts_with(t, "derive secret \"")) return derive(st);
        if (starts_with(t, "derive write traffic keys") || starts_with(t, "derive read traffic"))
            return keys(st);
        if (starts_with(t, "calculate finished")) return finished(st);
        if (starts_with(t, "calculate PSK binder")) return binder(st);
        if (starts_with(t, "generate resumption secret")) return resumption(st);
    }

    void construct(const TraceStep& st) {
        std::string name = st.title.substr(12, st.title.find(' ', 12) - 12);
        const Bytes& msg = st.at(name);
        if (name == "NewSessionTicket") return;  // post-handshake: not in the transcript
        if (message_size(msg) > msg.size()) {
            // A ClientHello with a pre_shared_key printed without its binders
            // (RFC 8446 §4.2.11.2 Truncate): the whole message is in the record sent next.
            truncated_ = msg;
            pending_ = true;
            return;
        }
        ASSERT_EQ(message_size(msg), msg.size());
        if (name == "ServerHello") {
            ServerHelloInfo sh = parse_server_hello(msg);
            const CipherSuiteInfo* s = find_suite(sh.suite);
            ASSERT_NE(s, nullptr);
            ASSERT_TRUE(transcript_.set_hash(s->hash).ok());
            if (sh.hrr) {
                ASSERT_TRUE(transcript_.replace_with_message_hash().ok());
            }
        }
        if (name == "Finished") {
            Bytes expected = {20, 0, 0, static_cast<uint8_t>(last_verify_data_.size())};
            expected.insert(expected.end(), last_verify_data_.begin(), last_verify_data_.end());
            EXPECT_EQ(hex(msg), hex(expected));
        }
        transcript_.add(msg);
    }

    void add_pending(const TraceStep& st) {
        const Bytes& payload = st.at("payload");
        size_t n = message_size(payload);
        ASSERT_LE(n, payload.size());
        Bytes msg(payload.begin(), payload.begin() + static_cast<long>(n));
        ASSERT_GE(msg.size(), truncated_.size());
        EXPECT_EQ(hex(Bytes(msg.begin(), msg.begin() + static_cast<long>(truncated_.size()))),
                  hex(truncated_));
        // The binders list closes the ClientHello: u16 length, u8 length, binder.
        ASSERT_FALSE(last_binder_.empty());
        EXPECT_EQ(hex(Bytes(msg.end() - static_cast<long>(last_binder_.size()), msg.end())),
                  hex(last_binder_));
        transcript_.add(msg);
        pending_ = false;
    }

    void extract(const TraceStep& st) {
        std::string which = quoted_name(st.title);
        const Bytes& ikm = st.at("IKM");
        if (which == "early") {
            bool zero = std::all_of(ikm.begin(), ikm.end(), [](uint8_t b) { return b == 0; });
            auto e = zero ? EarlySecret::without_psk(suite_->hash)
                          : EarlySecret::with_psk(suite_->hash, ikm);
            ASSERT_TRUE(e.ok()) << e.error().to_string();
            if (!zero && expected_psk_) {
                EXPECT_EQ(hex(ikm), hex(*expected_psk_));
            }
            es_.emplace(std::move(*e));
            EXPECT_EQ(hex(es_->secret()), hex(st.at("secret")));
        } else if (which == "handshake") {
            ASSERT_TRUE(es_);
            auto h = es_->handshake_secret(ikm);
            ASSERT_TRUE(h.ok()) << h.error().to_string();
            hs_.emplace(std::move(*h));
            EXPECT_EQ(hex(hs_->secret()), hex(st.at("secret")));
        } else if (which == "master") {
            ASSERT_TRUE(hs_);
            auto m = hs_->master_secret();
            ASSERT_TRUE(m.ok()) << m.error().to_string();
            ms_.emplace(std::move(*m));
            EXPECT_EQ(hex(ms_->secret()), hex(st.at("secret")));
        } else {
            ADD_FAILURE() << "unknown extract " << which;
            return;
        }
        counts_.extracts++;
    }

    void derive(const TraceStep& st) {
        std::string label = quoted_name(st.title);
        ASSERT_TRUE(starts_with(label, "tls13 "));
        label = label.substr(6);
        Bytes h = hash();
        EXPECT_EQ(hex(h), hex(st.at("hash"))) << "transcript hash";
        Result<SecretBytes> s = Error(Errc::unsupported, label);
        ByteView prk;
        if (label == "c e traffic" || label == "e exp master") {
            ASSERT_TRUE(es_);
            prk = es_->secret();
            s = label == "c e traffic" ? es_->client_early_traffic_secret(h)
                                       : es_->early_exporter_master_secret(h);
        } else if (label == "c hs traffic" || label == "s hs traffic") {
            ASSERT_TRUE(hs_);
            prk = hs_->secret();
            s = label[0] == 'c' ? hs_->client_handshake_traffic_secret(h)
                                : hs_->server_handshake_traffic_secret(h);
        } else {
            ASSERT_TRUE(ms_);
            prk = ms_->secret();
            if (label == "c ap traffic") s = ms_->client_application_traffic_secret(h);
            if (label == "s ap traffic") s = ms_->server_application_traffic_secret(h);
            if (label == "exp master") s = ms_->exporter_master_secret(h);
            if (label == "res master") s = ms_->resumption_master_secret(h);
        }
        ASSERT_TRUE(s.ok()) << s.error().to_string();
        EXPECT_EQ(hex(prk), hex(st.at("PRK")));
        EXPECT_EQ(hex(s->view()), hex(st.at("expanded")));
        secrets_[label] = std::move(*s);
        counts_.derives++;
    }

    void keys(const TraceStep& st) {
        const std::string& t = st.title;
        bool write = starts_with(t, "derive write");
        // The writer's own secret: the server writes with s_*, reads with c_*.
        char side = (write == (st.who == "server")) ? 's' : 'c';
        std::string label;
        if (t.find("early application data") != std::string::npos) {
            label = "c e traffic";
        } else if (t.find("handshake data") != std::string::npos) {
            label = std::string(1, side) + " hs traffic";
        } else if (t.find("application data") != std::string::npos) {
            label = std::string(1, side) + " ap traffic";
        } else {
            FAIL() << "unknown key step";
        }
        ByteView s = secret(label);
        EXPECT_EQ(hex(s), hex(st.at("PRK")));
        auto k = traffic_keys(*suite_, s);
        ASSERT_TRUE(k.ok()) << k.error().to_string();
        EXPECT_EQ(hex(k->key.view()), hex(st.at("key expanded")));
        EXPECT_EQ(hex(k->iv.view()), hex(st.at("iv expanded")));
        counts_.keys++;
    }

    void finished(const TraceStep& st) {
        ByteView base = secret(st.who == "server" ? "s hs traffic" : "c hs traffic");
        EXPECT_EQ(hex(base), hex(st.at("PRK")));
        auto fk = finished_key(suite_->hash, base);
        ASSERT_TRUE(fk.ok());
        EXPECT_EQ(hex(fk->view()), hex(st.at("expanded")));
        Bytes h = hash();
        auto vd = finished_verify_data(suite_->hash, base, h);
        ASSERT_TRUE(vd.ok());
        EXPECT_EQ(hex(*vd), hex(st.at("finished")));
        EXPECT_TRUE(check_finished(suite_->hash, base, h, st.at("finished")).ok());
        Bytes bad = st.at("finished");
        bad.back() ^= 1;
        auto r = check_finished(suite_->hash, base, h, bad);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(alert_of(r.error()), Alert::decrypt_error);
        last_verify_data_ = *vd;
        counts_.finished++;
    }

    void binder(const TraceStep& st) {
        ASSERT_TRUE(es_);
        const Bytes& prefix = st.at("ClientHello prefix");
        // The binder hashes the transcript so far plus the truncated ClientHello, under
        // the PSK's hash (the transcript's own hash is not fixed before ServerHello).
        Transcript t = transcript_;
        ASSERT_TRUE(t.set_hash(suite_->hash).ok());
        crypto::AnyDigest bh = t.hash_with(prefix);
        EXPECT_EQ(hex(bh.view()), hex(st.at("binder hash")));
        auto bk = es_->binder_key(PskKind::resumption);
        ASSERT_TRUE(bk.ok());
        EXPECT_EQ(hex(bk->view()), hex(st.at("PRK")));
        auto fk = finished_key(suite_->hash, bk->view());
        ASSERT_TRUE(fk.ok());
        EXPECT_EQ(hex(fk->view()), hex(st.at("expanded")));
        auto b = psk_binder(suite_->hash, bk->view(), bh.view());
        ASSERT_TRUE(b.ok());
        EXPECT_EQ(hex(*b), hex(st.at("finished")));
        EXPECT_TRUE(check_psk_binder(suite_->hash, bk->view(), bh.view(), *b).ok());
        // The external-PSK binder key differs ("ext binder"): it must not verify.
        auto ext = es_->binder_key(PskKind::external);
        ASSERT_TRUE(ext.ok());
        EXPECT_FALSE(check_psk_binder(suite_->hash, ext->view(), bh.view(), *b).ok());
        last_binder_ = *b;
        counts_.binders++;
    }

    void resumption(const TraceStep& st) {
        ByteView rms = secret("res master");
        EXPECT_EQ(hex(rms), hex(st.at("PRK")));
        // The printed "hash" is the HkdfLabel context: the ticket_nonce.
        auto psk = tls::resumption_psk(suite_->hash, rms, st.at("hash"));
        ASSERT_TRUE(psk.ok());
        EXPECT_EQ(hex(psk->view()), hex(st.at("expanded")));
        resumption_psk_.assign(psk->view().begin(), psk->view().end());
        counts_.resumption++;
    }

    const TraceSection& section_;
    const CipherSuiteInfo* suite_ = nullptr;
    const Bytes* expected_psk_ = nullptr;
    Transcript transcript_;
    std::optional<EarlySecret> es_;
    std::optional<HandshakeSecret> hs_;
    std::optional<MasterSecret> ms_;
    std::map<std::string, SecretBytes> secrets_;
    Bytes truncated_, last_binder_, last_verify_data_, resumption_psk_;
    bool pending_ = false;
    Counts counts_;
};

// How many steps of each kind carry values in each section (RFC 8448's own listing).
void expect_counts(const Counts& c, int derives, int keys, int binders, int resumption) {
    EXPECT_EQ(c.extracts, 3);
    EXPECT_EQ(c.derives, derives);
    EXPECT_EQ(c.keys, keys);
    EXPECT_EQ(c.finished, 2);
    EXPECT_EQ(c.binders, binders);
    EXPECT_EQ(c.resumption, resumption);
}

TEST(Rfc8448, SimpleOneRtt) {
    HandshakeReplay r(test::rfc8448_section(3));
    expect_counts(r.run(nullptr), 6, 4, 0, 1);
}

TEST(Rfc8448, ResumedZeroRttUsesTheTicketOfSection3) {
    HandshakeReplay first(test::rfc8448_section(3));
    first.run(nullptr);
    ASSERT_EQ(first.resumption_psk().size(), 32u);
    HandshakeReplay r(test::rfc8448_section(4));
    expect_counts(r.run(&first.resumption_psk()), 8, 5, 1, 0);
}

TEST(Rfc8448, HelloRetryRequest) {
    HandshakeReplay r(test::rfc8448_section(5));
    expect_counts(r.run(nullptr), 6, 4, 0, 0);
}

TEST(Rfc8448, ClientAuthentication) {
    HandshakeReplay r(test::rfc8448_section(6));
    expect_counts(r.run(nullptr), 6, 4, 0, 0);
}

TEST(Rfc8448, CompatibilityMode) {
    HandshakeReplay r(test::rfc8448_section(7));
    expect_counts(r.run(nullptr), 6, 4, 0, 0);
}

// The HRR transcript computed by hand from the trace's messages: message_hash of
// ClientHello1, then HRR, ClientHello2, ServerHello (RFC 8446 §4.4.1).
TEST(Rfc8448, HelloRetryRequestTranscriptByHand) {
    const TraceSection& s = test::rfc8448_section(5);
    std::vector<Bytes> msgs;
    Bytes c_hs_hash;
    for (const TraceStep& st : s.steps) {
        if (starts_with(st.title, "construct a ClientHello")) msgs.push_back(st.at("ClientHello"));
        if (starts_with(st.title, "construct a ServerHello")) msgs.push_back(st.at("ServerHello"));
        if (starts_with(st.title, "derive secret \"tls13 c hs traffic\"") && !st.fields.empty()) {
            c_hs_hash = st.at("hash");
        }
    }
    ASSERT_EQ(msgs.size(), 4u);
    crypto::AnyDigest ch1 = crypto::AnyHash::hash(crypto::HashAlg::sha256, msgs[0]);
    Bytes flat = {254, 0, 0, 32};
    flat.insert(flat.end(), ch1.view().begin(), ch1.view().end());
    for (size_t i = 1; i < 4; i++) flat.insert(flat.end(), msgs[i].begin(), msgs[i].end());
    EXPECT_EQ(hex(crypto::AnyHash::hash(crypto::HashAlg::sha256, flat).view()), hex(c_hs_hash));
    // And a server-side Transcript, hash known from the start.
    Transcript t(crypto::HashAlg::sha256);
    t.add(msgs[0]);
    ASSERT_TRUE(t.replace_with_message_hash().ok());
    for (size_t i = 1; i < 4; i++) t.add(msgs[i]);
    EXPECT_EQ(hex(t.hash().view()), hex(c_hs_hash));
}

}  // namespace
}  // namespace keel::tls
