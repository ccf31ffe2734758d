// Plaintexts RFC 8439 uses in several test vectors, as the RFC spells them.
#pragma once

namespace keel::crypto::test_text {

// §2.4.2 and §2.8.2.
inline constexpr char kSunscreen[] =
    "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
    "future, sunscreen would be it.";

// Appendix A.2 #2 and A.3 #2, #3 (375 bytes).
inline constexpr char kIetfSubmission[] =
    "Any submission to the IETF intended by the Contributor for publication as all or part of "
    "an IETF Internet-Draft or RFC and any statement made within the context of an IETF "
    "activity is considered an \"IETF Contribution\". Such statements include oral statements "
    "in IETF sessions, as well as written and electronic communications made at any time or "
    "place, which are addressed to";

// Appendix A.2 #3 and A.3 #4 (127 bytes).
inline constexpr char kJabberwock[] =
    "'Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe:\nAll mimsy were the "
    "borogoves,\nAnd the mome raths outgrabe.";

}  // namespace keel::crypto::test_text
