package dev.chatgate.server.inbox;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;

/** {@code chatgate.inbox.*}: where after-callbacks are stored before Tencent is answered, and how they are delivered. */
@ConfigurationProperties("chatgate.inbox")
public final class InboxConfiguration {

    static final Duration ANSWERED_COMMIT_INTERVAL = Duration.ofMillis(4);
    /**
     * Each commit has a fixed cost (H2 writes it as a chunk, whose bookkeeping it keeps for its 45 s of retention,
     * and every young collection copies that; PostgreSQL flushes its log): on H2 at 5,000 events/s, committing every
     * 50 ms instead of every 4 took the service from 251 to 218 µs of CPU per event and its young pauses from 18 to
     * 13 ms on average (README, "The commit interval with the journal").
     */
    static final Duration JOURNALED_COMMIT_INTERVAL = Duration.ofMillis(50);

    private boolean enabled = true;
    private String dataDir = "./data";
    private String url;
    private String username;
    private String password = "";
    private int poolSize = 8;
    private Duration connectTimeout = Duration.ofMillis(1000);
    private Duration storeTimeout = Duration.ofMillis(1500);
    private int maxAttempts = 8;
    private Duration backoffInitial = Duration.ofSeconds(1);
    private Duration backoffMax = Duration.ofMinutes(5);
    private Duration lease = Duration.ofSeconds(30);
    private Duration pollInterval = Duration.ofMillis(50);
    private int claimBatch = 256;
    private int workers = 4;
    private int writeBatch = 512;
    private boolean deliverOnCommit = true;
    private Duration commitInterval;
    private int deliveryBacklog = 4096;
    private Duration retention = Duration.ofDays(7);
    private Duration purgeInterval = Duration.ofHours(1);
    private Duration pendingVacuumInterval = Duration.ofSeconds(1);
    private Duration compactInterval = Duration.ofSeconds(1);
    private boolean syncCommits;
    private Boolean journal;
    private Duration flushInterval = Duration.ofMillis(200);
    private String nodeId = ManagementFactory.getRuntimeMXBean().getName();
    private String adminToken;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getDataDir() {
        return dataDir;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    /**
     * JDBC URL; default an embedded H2 file under {@link #getDataDir()}. Use {@code jdbc:postgresql://...} in
     * production. WRITE_DELAY=0: H2 otherwise keeps commits in memory for up to half a second, and a killed
     * process would lose events already acknowledged. CACHE_SIZE=4096 (KB): what the inbox reads back is the newest
     * pages of a few indexes; H2's far larger default cache keeps every page written in the last seconds alive,
     * and copying those between GC generations made young pauses at 5,000 events/s about twice as long.
     */
    public String getUrl() {
        return url != null ? url : "jdbc:h2:file:" + Path.of(dataDir, "inbox").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;CACHE_SIZE=4096";
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /**
     * Embedded H2, off by default: each commit of new events is synced to the disk before they are answered OK, so
     * an OK survives a power loss or an OS crash, not only a crash of the process. Off, H2 leaves the flush to the
     * kernel (within 30 s). PostgreSQL syncs by itself ({@code synchronous_commit}); this does not apply to it.
     */
    public boolean isSyncCommits() {
        return syncCommits;
    }

    public void setSyncCommits(boolean syncCommits) {
        this.syncCommits = syncCommits;
    }

    /**
     * New events are appended to a journal on this node ({@link #getJournalDir()}) and answered OK once written
     * there; the writer puts them into the database right after, in commits no answer waits for. Unset: on for an
     * embedded H2 file, off for PostgreSQL, where an OK then waits for the commit of its event to the database every
     * node shares (and so survives a power loss and the loss of the node). With {@code sync-commits} (H2): off.
     */
    public boolean isJournal() {
        return journal != null ? journal : !isPostgres();
    }

    public void setJournal(Boolean journal) {
        this.journal = journal;
    }

    /**
     * Where the journal is kept: beside the H2 file, named after it ({@code inbox.journal} for the default URL); with
     * PostgreSQL, {@code inbox.journal} under {@link #getDataDir()}, which each node needs of its own. Null when there
     * is none: journal off, {@code sync-commits} on with H2, or an H2 URL other than {@code jdbc:h2:file:}.
     */
    public Path getJournalDir() {
        if (!isJournal()) {
            return null;
        }
        if (isPostgres()) {
            return Path.of(dataDir, "inbox.journal").toAbsolutePath();
        }
        String url = getUrl();
        if (syncCommits || !url.startsWith("jdbc:h2:file:")) {
            return null;
        }
        String file = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
        if (file.startsWith("~/")) {
            file = System.getProperty("user.home") + file.substring(1);
        }
        return Path.of(file + ".journal").toAbsolutePath();
    }

    /**
     * How often the embedded H2 file (unless every commit is synced) and the journal (where there is one) are synced
     * to the disk, off the commit path, so that the kernel never has much of them to write at once. Not positive:
     * never (the kernel's own 30 s).
     */
    public Duration getFlushInterval() {
        return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
        this.flushInterval = flushInterval;
    }

    public boolean isPostgres() {
        return getUrl().startsWith("jdbc:postgresql:");
    }

    public String getUsername() {
        return username != null ? username : isPostgres() ? "postgres" : "sa";
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    /** How long a request waits for a database connection before it is answered with a failure. */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** Longest wait for an event to be committed; past it the answer is a failure (Tencent waits 2 s). */
    public Duration getStoreTimeout() {
        return storeTimeout;
    }

    public void setStoreTimeout(Duration storeTimeout) {
        this.storeTimeout = storeTimeout;
    }

    /** Failed deliveries before an event is parked as dead. */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getBackoffInitial() {
        return backoffInitial;
    }

    public void setBackoffInitial(Duration backoffInitial) {
        this.backoffInitial = backoffInitial;
    }

    public Duration getBackoffMax() {
        return backoffMax;
    }

    public void setBackoffMax(Duration backoffMax) {
        this.backoffMax = backoffMax;
    }

    /** How long a node owns an event it claimed; a node that dies releases its events when this runs out. */
    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getClaimBatch() {
        return claimBatch;
    }

    public void setClaimBatch(int claimBatch) {
        this.claimBatch = claimBatch;
    }

    public int getWorkers() {
        return workers;
    }

    public void setWorkers(int workers) {
        this.workers = workers;
    }

    /**
     * Whether this node delivers the events it stored straight from memory once they are committed (leased to it
     * in the same transaction). Off: every event waits for a claimer's poll, as retries always do.
     */
    public boolean isDeliverOnCommit() {
        return deliverOnCommit;
    }

    public void setDeliverOnCommit(boolean deliverOnCommit) {
        this.deliverOnCommit = deliverOnCommit;
    }

    /** Most events a node holds in memory for delivery; beyond it, new events wait in the database for a claimer. */
    public int getDeliveryBacklog() {
        return deliveryBacklog;
    }

    public void setDeliveryBacklog(int deliveryBacklog) {
        this.deliveryBacklog = deliveryBacklog;
    }

    /**
     * Least time between the starts of two commits of new events. Under load the events of an interval share
     * one commit; after a quiet spell an event is committed at once. 0: commit as soon as the previous commit is
     * done. Unset: {@link #ANSWERED_COMMIT_INTERVAL} where each answer waits for its commit (it adds at most that
     * much to it), {@link #JOURNALED_COMMIT_INTERVAL} where the journal answers, so the interval only delays
     * delivery.
     */
    public Duration getCommitInterval() {
        if (commitInterval != null) {
            return commitInterval;
        }
        return getJournalDir() != null ? JOURNALED_COMMIT_INTERVAL : ANSWERED_COMMIT_INTERVAL;
    }

    public void setCommitInterval(Duration commitInterval) {
        this.commitInterval = commitInterval;
    }

    /** Most events written in one transaction (group commit). */
    public int getWriteBatch() {
        return writeBatch;
    }

    public void setWriteBatch(int writeBatch) {
        this.writeBatch = writeBatch;
    }

    /** How long delivered events are kept, counted from their receipt, before the purge removes them. */
    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public Duration getPurgeInterval() {
        return purgeInterval;
    }

    public void setPurgeInterval(Duration purgeInterval) {
        this.purgeInterval = purgeInterval;
    }

    /**
     * PostgreSQL only: how often the pending table is vacuumed; zero leaves it to autovacuum alone. Every event
     * passes through that table, so at thousands per second it collects that many dead rows a second, while
     * autovacuum looks at a database once a minute ({@code autovacuum_naptime}); until it does, every lookup,
     * claim and "done" scans the dead rows too.
     */
    public Duration getPendingVacuumInterval() {
        return pendingVacuumInterval;
    }

    public void setPendingVacuumInterval(Duration pendingVacuumInterval) {
        this.pendingVacuumInterval = pendingVacuumInterval;
    }

    /**
     * Embedded H2 only: how often the sparse chunks of the file are rewritten, so that their space can be reused;
     * zero never. H2 writes every commit as a new chunk and reuses a chunk's space only once nothing in it is live;
     * a page that stays live (a full leaf of events, an index leaf no later commit touches) keeps its whole chunk,
     * mostly dead pages, from being reused, and H2 compacts by itself only when the file is idle or closed.
     */
    public Duration getCompactInterval() {
        return compactInterval;
    }

    public void setCompactInterval(Duration compactInterval) {
        this.compactInterval = compactInterval;
    }

    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    /** Bearer token for the /inbox management endpoints; without one they answer 403. */
    public String getAdminToken() {
        return adminToken;
    }

    public void setAdminToken(String adminToken) {
        this.adminToken = adminToken;
    }

    /**
     * Refuses settings with which the inbox would accept events and never deliver them, or never store them,
     * naming the key: called once, before the database is opened.
     */
    void check() {
        atLeastOne("workers", workers);
        atLeastOne("delivery-backlog", deliveryBacklog);
        atLeastOne("claim-batch", claimBatch);
        atLeastOne("write-batch", writeBatch);
        atLeastOne("max-attempts", maxAttempts);
        atLeastOne("pool-size", poolSize);
        positive("lease", lease);
        positive("poll-interval", pollInterval);
        positive("store-timeout", storeTimeout);
        positive("backoff-initial", backoffInitial);
        positive("connect-timeout", connectTimeout);
        if (commitInterval != null && commitInterval.isNegative()) {
            throw new IllegalStateException("chatgate.inbox.commit-interval must be 0 or more, not " + commitInterval);
        }
    }

    private static void atLeastOne(String key, int value) {
        if (value < 1) {
            throw new IllegalStateException("chatgate.inbox." + key + " must be at least 1, not " + value);
        }
    }

    private static void positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalStateException("chatgate.inbox." + key + " must be above 0, not " + value);
        }
    }
}
