package io.sgmigrate.engine.migrate;

/** One pre-flight result: what was checked, how it came out, and why (with what to do when it is not a pass). */
public record Check(String name, Status status, String detail) {
    public enum Status { PASS, WARN, FAIL }

    static Check pass(String name, String detail) {
        return new Check(name, Status.PASS, detail);
    }

    static Check warn(String name, String detail) {
        return new Check(name, Status.WARN, detail);
    }

    static Check fail(String name, String detail) {
        return new Check(name, Status.FAIL, detail);
    }
}
