//! The JSON reader on arbitrary bytes: no panic; whatever it accepts writes
//! back and reads again to the same model (write∘read is a fixpoint).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(issue) = newsconv_json::read(data) {
        let out = newsconv_json::to_string(&issue);
        let again = newsconv_json::read(out.as_bytes()).unwrap_or_else(|e| panic!("own output refused: {e}\n{out}"));
        assert!(again == issue, "read(write(read(x))) != read(x)");
        assert_eq!(newsconv_json::to_string(&again), out, "write not stable");
    }
});
