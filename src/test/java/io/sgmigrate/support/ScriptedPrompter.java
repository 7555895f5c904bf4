package io.sgmigrate.support;

import io.sgmigrate.engine.prompt.HostKeyDecision;
import io.sgmigrate.engine.prompt.HostKeyQuestion;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.prompt.SecretQuestion;
import io.sgmigrate.engine.secret.Secret;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A prompter with answers given in advance, which records what it was asked and hands out secrets it can later check were wiped. */
public final class ScriptedPrompter implements Prompter {
    public final List<HostKeyQuestion> hostKeyQuestions = new ArrayList<>();
    public final List<SecretQuestion> secretQuestions = new ArrayList<>();
    public final List<Secret> handedOut = new ArrayList<>();
    private final HostKeyDecision hostKeyAnswer;
    private final Deque<String> secrets = new ArrayDeque<>();

    public ScriptedPrompter(HostKeyDecision hostKeyAnswer, String... secrets) {
        this.hostKeyAnswer = hostKeyAnswer;
        for (String s : secrets) this.secrets.add(s);
    }

    @Override
    public synchronized CompletableFuture<HostKeyDecision> unknownHostKey(HostKeyQuestion q) {
        hostKeyQuestions.add(q);
        return CompletableFuture.completedFuture(hostKeyAnswer);
    }

    @Override
    public synchronized CompletableFuture<Secret> secret(SecretQuestion q) {
        secretQuestions.add(q);
        if (secrets.isEmpty()) return CompletableFuture.completedFuture(null);
        Secret s = Secret.adopt(secrets.pop().toCharArray());
        handedOut.add(s);
        return CompletableFuture.completedFuture(s);
    }

    /** What a person types when asked to confirm by typing a name; null declines. */
    public volatile String typed;
    public final List<String> confirmations = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<Boolean> typedConfirmation(String what, String expected) {
        confirmations.add(what);
        return CompletableFuture.completedFuture(expected.equals(typed));
    }
}
