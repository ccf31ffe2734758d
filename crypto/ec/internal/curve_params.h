// Domain parameters of the six short-Weierstrass curves keel implements: facts copied
// from SEC 2 v2 and RFC 5639 (p, a, b, G, n; every cofactor is 1). Big-endian hex.
#pragma once

#include <cstddef>
#include <string_view>

namespace keel::crypto::ec::detail {

// NIST P-256 (SEC 2 §2.4.2, FIPS 186-5 / SP 800-186 §3.2.1.3).
struct P256Params {
    struct Field {
        static constexpr size_t kLimbs = 4;
        static constexpr std::string_view kModulus =
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
    };
    struct Order {
        static constexpr size_t kLimbs = 4;
        static constexpr std::string_view kModulus =
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
    };
    static constexpr bool kAIsMinus3 = true;
    static constexpr std::string_view kA =
        "ffffffff00000001000000000000000000000000fffffffffffffffffffffffc";
    static constexpr std::string_view kB =
        "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b";
    static constexpr std::string_view kGx =
        "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
    static constexpr std::string_view kGy =
        "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";
};

// NIST P-384 (SEC 2 §2.5.1, SP 800-186 §3.2.1.4).
struct P384Params {
    struct Field {
        static constexpr size_t kLimbs = 6;
        static constexpr std::string_view kModulus =
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff00000000000000"
            "00ffffffff";
    };
    struct Order {
        static constexpr size_t kLimbs = 6;
        static constexpr std::string_view kModulus =
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec19"
            "6accc52973";
    };
    static constexpr bool kAIsMinus3 = true;
    static constexpr std::string_view kA =
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ff"
        "fffffc";
    static constexpr std::string_view kB =
        "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3"
        "ec2aef";
    static constexpr std::string_view kGx =
        "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872"
        "760ab7";
    static constexpr std::string_view kGy =
        "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90"
        "ea0e5f";
};

// NIST P-521 (SEC 2 §2.6.1, SP 800-186 §3.2.1.5).
struct P521Params {
    struct Field {
        static constexpr size_t kLimbs = 9;
        static constexpr std::string_view kModulus =
            "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
            "ffffffffffffffffffffffffffffffffffffffffffffff";
    };
    struct Order {
        static constexpr size_t kLimbs = 9;
        static constexpr std::string_view kModulus =
            "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7f"
            "cc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409";
    };
    static constexpr bool kAIsMinus3 = true;
    static constexpr std::string_view kA =
        "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
        "fffffffffffffffffffffffffffffffffffffffffc";
    static constexpr std::string_view kB =
        "0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0"
        "bd3bb1bf073573df883d2c34f1ef451fd46b503f00";
    static constexpr std::string_view kGx =
        "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc1"
        "27a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66";
    static constexpr std::string_view kGy =
        "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9"
        "013fad0761353c7086a272c24088be94769fd16650";
};

// brainpoolP256r1 (RFC 5639 §3.4).
struct BrainpoolP256r1Params {
    struct Field {
        static constexpr size_t kLimbs = 4;
        static constexpr std::string_view kModulus =
            "a9fb57dba1eea9bc3e660a909d838d726e3bf623d52620282013481d1f6e5377";
    };
    struct Order {
        static constexpr size_t kLimbs = 4;
        static constexpr std::string_view kModulus =
            "a9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7";
    };
    static constexpr bool kAIsMinus3 = false;
    static constexpr std::string_view kA =
        "7d5a0975fc2c3057eef67530417affe7fb8055c126dc5c6ce94a4b44f330b5d9";
    static constexpr std::string_view kB =
        "26dc5c6ce94a4b44f330b5d9bbd77cbf958416295cf7e1ce6bccdc18ff8c07b6";
    static constexpr std::string_view kGx =
        "8bd2aeb9cb7e57cb2c4b482ffc81b7afb9de27e1e3bd23c23a4453bd9ace3262";
    static constexpr std::string_view kGy =
        "547ef835c3dac4fd97f8461a14611dc9c27745132ded8e545c1d54c72f046997";
};

// brainpoolP384r1 (RFC 5639 §3.6).
struct BrainpoolP384r1Params {
    struct Field {
        static constexpr size_t kLimbs = 6;
        static constexpr std::string_view kModulus =
            "8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b412b1da197fb71123acd3a729901d1a71874700"
            "133107ec53";
    };
    struct Order {
        static constexpr size_t kLimbs = 6;
        static constexpr std::string_view kModulus =
            "8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b31f166e6cac0425a7cf3ab6af6b7fc3103b8832"
            "02e9046565";
    };
    static constexpr bool kAIsMinus3 = false;
    static constexpr std::string_view kA =
        "7bc382c63d8c150c3c72080ace05afa0c2bea28e4fb22787139165efba91f90f8aa5814a503ad4eb04a8c7dd22"
        "ce2826";
    static constexpr std::string_view kB =
        "04a8c7dd22ce28268b39b55416f0447c2fb77de107dcd2a62e880ea53eeb62d57cb4390295dbc9943ab78696fa"
        "504c11";
    static constexpr std::string_view kGx =
        "1d1c64f068cf45ffa2a63a81b7c13f6b8847a3e77ef14fe3db7fcafe0cbd10e8e826e03436d646aaef87b2e247"
        "d4af1e";
    static constexpr std::string_view kGy =
        "8abe1d7520f9c2a45cb1eb8e95cfd55262b70b29feec5864e19c054ff99129280e464621779181114282034126"
        "3c5315";
};

// brainpoolP512r1 (RFC 5639 §3.7).
struct BrainpoolP512r1Params {
    struct Field {
        static constexpr size_t kLimbs = 8;
        static constexpr std::string_view kModulus =
            "aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca703308717d4d9b009bc66842aecda1"
            "2ae6a380e62881ff2f2d82c68528aa6056583a48f3";
    };
    struct Order {
        static constexpr size_t kLimbs = 8;
        static constexpr std::string_view kModulus =
            "aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca70330870553e5c414ca92619418661"
            "197fac10471db1d381085ddaddb58796829ca90069";
    };
    static constexpr bool kAIsMinus3 = false;
    static constexpr std::string_view kA =
        "7830a3318b603b89e2327145ac234cc594cbdd8d3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b"
        "9ac8b57f1117a72bf2c7b9e7c1ac4d77fc94ca";
    static constexpr std::string_view kB =
        "3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a72bf2c7b9e7c1ac4d77fc94cadc"
        "083e67984050b75ebae5dd2809bd638016f723";
    static constexpr std::string_view kGx =
        "81aee4bdd82ed9645a21322e9c4c6a9385ed9f70b5d916c1b43b62eef4d0098eff3b1f78e2d0d48d50d1687b93"
        "b97d5f7c6d5047406a5e688b352209bcb9f822";
    static constexpr std::string_view kGy =
        "7dde385d566332ecc0eabfa9cf7822fdf209f70024a57b1aa000c55b881f8111b2dcde494a5f485e5bca4bd88a"
        "2763aed1ca2b2fa8f0540678cd1e0f3ad80892";
};
}  // namespace keel::crypto::ec::detail
