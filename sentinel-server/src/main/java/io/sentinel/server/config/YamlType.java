package io.sentinel.server.config;

/** The scalar types the YAML schema uses. */
enum YamlType {
    STRING("a string"),
    INT("an integer"),
    BOOL("a boolean (true/false)");

    final String description;

    YamlType(String description) {
        this.description = description;
    }
}
