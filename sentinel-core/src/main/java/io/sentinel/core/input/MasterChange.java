package io.sentinel.core.input;

/**
 * One option of {@code SENTINEL SET}, parsed: {@code text} is the value as the client sent it (events show it),
 * {@code number} its value for the numeric settings, {@code renameTo} the second value of {@code rename-command}.
 */
public record MasterChange(Setting setting, String text, long number, String renameTo) {

    /** The options of {@code SENTINEL SET}, by their wire names. */
    public enum Setting {
        DOWN_AFTER_MILLISECONDS("down-after-milliseconds"),
        FAILOVER_TIMEOUT("failover-timeout"),
        PARALLEL_SYNCS("parallel-syncs"),
        QUORUM("quorum"),
        MASTER_REBOOT_DOWN_AFTER_PERIOD("master-reboot-down-after-period"),
        NOTIFICATION_SCRIPT("notification-script"),
        CLIENT_RECONFIG_SCRIPT("client-reconfig-script"),
        AUTH_PASS("auth-pass"),
        AUTH_USER("auth-user"),
        RENAME_COMMAND("rename-command");

        private final String wireName;

        Setting(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The setting with this wire name (any case), or null. */
        public static Setting named(String name) {
            for (Setting s : values()) {
                if (s.wireName.equalsIgnoreCase(name)) return s;
            }
            return null;
        }
    }

    public static MasterChange number(Setting setting, String text, long number) {
        return new MasterChange(setting, text, number, null);
    }

    public static MasterChange text(Setting setting, String text) {
        return new MasterChange(setting, text, 0, null);
    }
}
