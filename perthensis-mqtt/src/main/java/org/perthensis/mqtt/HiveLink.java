package org.perthensis.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfigBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3MessageException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5MessageException;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A {@link Link} on the HiveMQ MQTT client, MQTT 5 or 3.1.1: a clean session every time (the
 * journal, not the broker, keeps what was not acknowledged), no automatic reconnect (the task
 * decides when, with its backoff), and the library's exceptions turned into plain reasons.
 */
final class HiveLink implements Link {
    private final Mqtt5AsyncClient v5;
    private final Mqtt3AsyncClient v3;
    private final Setup setup;

    /** Makes the real links. */
    static final Factory FACTORY = HiveLink::new;

    private HiveLink(Setup setup) {
        this.setup = setup;
        MqttClientExecutorConfig threads = ClientThreads.CONFIG; // first, so RxJava loads with its settings
        MqttConfig c = setup.config();
        long timeout = c.connectTimeout().toMillis();
        MqttClientTransportConfigBuilder transport = MqttClientTransportConfig.builder()
                .serverHost(c.host())
                .serverPort(c.port())
                .socketConnectTimeout(timeout, TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(timeout, TimeUnit.MILLISECONDS);
        if (setup.tls() != null) {
            transport = transport.sslConfig(ssl(setup.tls(), timeout));
        }
        MqttClientBuilder builder = MqttClient.builder()
                .identifier(c.clientId())
                .executorConfig(threads)
                .transportConfig(transport.build())
                .addDisconnectedListener(context -> {
                    if (context.getSource() != MqttDisconnectSource.USER) {
                        setup.lost().accept(reason(context.getCause()).getMessage());
                    }
                });
        if (c.version().equals("5")) {
            v5 = builder.useMqttVersion5().buildAsync();
            v3 = null;
            v5.publishes(MqttGlobalPublishFilter.SUBSCRIBED, p -> setup.incoming().accept(
                    new Incoming(p.getTopic().toString(), p.getPayloadAsBytes(), p.isRetain())), ClientThreads.callbacks());
        } else {
            v3 = builder.useMqttVersion3().buildAsync();
            v5 = null;
            v3.publishes(MqttGlobalPublishFilter.SUBSCRIBED, p -> setup.incoming().accept(
                    new Incoming(p.getTopic().toString(), p.getPayloadAsBytes(), p.isRetain())), ClientThreads.callbacks());
        }
    }

    private static MqttClientSslConfig ssl(Tls.Context tls, long timeout) {
        MqttClientSslConfigBuilder ssl = MqttClientSslConfig.builder().handshakeTimeout(timeout, TimeUnit.MILLISECONDS);
        if (tls.trust() != null) {
            ssl = ssl.trustManagerFactory(tls.trust());
        }
        if (tls.keys() != null) {
            ssl = ssl.keyManagerFactory(tls.keys());
        }
        return ssl.build();
    }

    @Override
    public CompletableFuture<Void> connect(byte[] password) {
        MqttConfig c = setup.config();
        int keepAlive = (int) c.keepAlive().toSeconds();
        MqttQos will = MqttQos.AT_LEAST_ONCE;
        CompletableFuture<?> sent;
        if (v5 != null) {
            var connect = v5.connectWith().cleanStart(true).sessionExpiryInterval(0).keepAlive(keepAlive)
                    .willPublish().topic(setup.willTopic()).payload(setup.will()).qos(will).retain(true).applyWillPublish();
            if (c.username() != null) {
                var auth = connect.simpleAuth().username(c.username());
                connect = (password == null ? auth : auth.password(password)).applySimpleAuth();
            }
            sent = connect.send();
        } else {
            var connect = v3.connectWith().cleanSession(true).keepAlive(keepAlive)
                    .willPublish().topic(setup.willTopic()).payload(setup.will()).qos(will).retain(true).applyWillPublish();
            if (c.username() != null) {
                var auth = connect.simpleAuth().username(c.username());
                connect = (password == null ? auth : auth.password(password)).applySimpleAuth();
            }
            sent = connect.send();
        }
        return plain(sent);
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        MqttQos q = qos == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE;
        if (v5 != null) {
            return v5.publishWith().topic(topic).payload(payload).qos(q).retain(retain).send().handle((result, e) -> {
                Throwable error = e != null ? e : result.getError().orElse(null);
                if (error != null) {
                    throw new CompletionException(reason(error));
                }
                return null;
            });
        }
        return plain(v3.publishWith().topic(topic).payload(payload).qos(q).retain(retain).send());
    }

    @Override
    public CompletableFuture<Void> subscribe(String filter, int qos) {
        MqttQos q = qos == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE;
        if (v5 != null) {
            return v5.subscribeWith().topicFilter(filter).qos(q).send().handle((ack, e) -> {
                if (e != null) {
                    throw new CompletionException(reason(e));
                }
                Mqtt5SubAckReasonCode code = ack.getReasonCodes().getFirst();
                if (code.isError()) {
                    throw new CompletionException(new LinkFailure(LinkFailure.Kind.REFUSED,
                            "the broker refused the subscription to " + filter + ": " + words(code.name())));
                }
                return null;
            });
        }
        return v3.subscribeWith().topicFilter(filter).qos(q).send().handle((ack, e) -> {
            if (e != null) {
                throw new CompletionException(reason(e));
            }
            if (ack.getReturnCodes().getFirst() == Mqtt3SubAckReturnCode.FAILURE) {
                throw new CompletionException(new LinkFailure(LinkFailure.Kind.REFUSED,
                        "the broker refused the subscription to " + filter));
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter) {
        return plain(v5 != null ? v5.unsubscribeWith().topicFilter(filter).send()
                : v3.unsubscribeWith().topicFilter(filter).send());
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return plain(v5 != null ? v5.disconnect() : v3.disconnect());
    }

    private static CompletableFuture<Void> plain(CompletableFuture<?> future) {
        return future.handle((result, e) -> {
            if (e != null) {
                throw new CompletionException(reason(e));
            }
            return null;
        });
    }

    /** The library's exception as a reason a user can act on. */
    static LinkFailure reason(Throwable e) {
        while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof LinkFailure f) {
            return f;
        }
        if (e instanceof Mqtt5ConnAckException refused) {
            String code = refused.getMqttMessage().getReasonCode().name();
            return connAck(code);
        }
        if (e instanceof Mqtt3ConnAckException refused) {
            return connAck(refused.getMqttMessage().getReturnCode().name());
        }
        if (e instanceof Mqtt5DisconnectException d) {
            return new LinkFailure(LinkFailure.Kind.CONNECTION, "the broker disconnected: "
                    + words(d.getMqttMessage().getReasonCode().name())
                    + d.getMqttMessage().getReasonString().map(s -> " (" + s + ")").orElse(""));
        }
        if (e instanceof Mqtt5MessageException || e instanceof Mqtt3MessageException) {
            // a PUBACK or SUBACK with an error: this message, not the connection
            return new LinkFailure(LinkFailure.Kind.REFUSED, "the broker refused it: " + e.getMessage());
        }
        if (e instanceof ConnectionFailedException || e instanceof ConnectionClosedException) {
            if (e.getCause() != null && e.getCause() != e) {
                return reason(e.getCause()); // the socket's own reason: "connection refused"
            }
            String text = e.getMessage() == null ? "" : e.getMessage();
            if (text.contains("without DISCONNECT")) {
                return new LinkFailure(LinkFailure.Kind.CONNECTION, "the broker closed the connection");
            }
            return new LinkFailure(LinkFailure.Kind.CONNECTION, e instanceof ConnectionClosedException
                    ? "the connection was closed" + (text.isEmpty() ? "" : " (" + lower(text) + ")")
                    : text.isEmpty() ? "the connection failed" : lower(text));
        }
        if (e instanceof ConnectException) {
            String text = e.getMessage() == null ? "" : e.getMessage();
            int colon = text.indexOf(": "); // netty adds the address, which the log line names already
            return new LinkFailure(LinkFailure.Kind.CONNECTION, lower(colon > 0 ? text.substring(0, colon) : text));
        }
        if (e instanceof UnknownHostException || e instanceof UnresolvedAddressException) {
            return new LinkFailure(LinkFailure.Kind.CONNECTION, "unknown host");
        }
        if (e instanceof NoRouteToHostException) {
            return new LinkFailure(LinkFailure.Kind.CONNECTION, "no route to host");
        }
        if (e instanceof SSLException) {
            String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String hint = text.contains("PKIX") || text.contains("certification path")
                    ? "; the broker's certificate is not signed by tls.ca (or, without it, a CA the JDK trusts)"
                    : text.contains("No subject alternative") || text.contains("No name matching")
                    ? "; the broker's certificate does not name the host as given in \"host\"" : "";
            return new LinkFailure(LinkFailure.Kind.CONNECTION, "TLS handshake failed: " + text + hint);
        }
        if (e instanceof java.io.IOException) {
            return new LinkFailure(LinkFailure.Kind.CONNECTION, e.getMessage() == null ? e.getClass().getSimpleName()
                    : lower(e.getMessage()));
        }
        if (e instanceof java.util.concurrent.TimeoutException) {
            return new LinkFailure(LinkFailure.Kind.CONNECTION, "no answer in time");
        }
        return new LinkFailure(LinkFailure.Kind.CONNECTION, e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage());
    }

    private static LinkFailure connAck(String code) {
        return switch (code) {
            case "BAD_USER_NAME_OR_PASSWORD" -> new LinkFailure(LinkFailure.Kind.LOGIN,
                    "the broker refused the user name or password");
            case "NOT_AUTHORIZED" -> new LinkFailure(LinkFailure.Kind.LOGIN, "the broker refused the login (not authorized)");
            case "CLIENT_IDENTIFIER_NOT_VALID", "IDENTIFIER_REJECTED" -> new LinkFailure(LinkFailure.Kind.LOGIN,
                    "the broker refused the client id; set another \"clientId\"");
            case "BANNED" -> new LinkFailure(LinkFailure.Kind.LOGIN, "the broker has banned this client");
            default -> new LinkFailure(LinkFailure.Kind.CONNECTION, "the broker refused the connection: " + words(code));
        };
    }

    private static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** A library's sentence as part of ours: lower case first, no full stop. */
    private static String lower(String text) {
        String t = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return t.isEmpty() ? t : Character.toLowerCase(t.charAt(0)) + t.substring(1);
    }
}
