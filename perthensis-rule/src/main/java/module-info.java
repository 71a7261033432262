/**
 * Rules in the config file: when an event comes and its payload matches, run a short list of
 * actions in order, as one task. Task type {@code rule}. A rule acts on outputs, heartbeats and
 * anything else only through events, so it depends on no other feature module and needs no GPIO.
 *
 * @provides org.perthensis.api.TaskProvider
 */
module org.perthensis.rule {
    // The exported config records and provider are made of the API's types.
    requires transitive org.perthensis.api;

    exports org.perthensis.rule;

    provides org.perthensis.api.TaskProvider with org.perthensis.rule.RuleProvider;
}
