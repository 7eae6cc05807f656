package io.vaani.api.validation;

/** The formats the API checks in more than one place, for Bean Validation annotations and code alike. */
public final class Formats {
    /** A dialable number in E.164: +, a country code, at most 15 digits in all. */
    public static final String E164 = "^\\+[1-9][0-9]{6,14}$";
    public static final String E164_MESSAGE = "an E.164 number such as +14155550100";
    /** A workspace's or campaign's slug: it names URLs and Redis keys. */
    public static final String SLUG = "^[a-z0-9][a-z0-9-]{1,62}$";
    public static final String SLUG_MESSAGE = "2 to 63 lowercase letters, digits or '-', not starting with '-'";

    private Formats() {
    }

    public static boolean isE164(String phone) {
        return phone.matches(E164);
    }
}
