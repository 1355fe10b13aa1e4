// Needs Gradle 9.1 or later, the first whose toolchains support Java 25 (Gradle itself may run on
// JDK 17 to 25). Run: gradle run
plugins {
    application
}

repositories {
    mavenLocal()   // where ./jgrad install puts jgrad (~/.m2/repository)
    mavenCentral() // jgrad's own dependencies: Gson, XChart
}

dependencies {
    // The BOM fixes the version of every jgrad module; jgrad-nn brings jgrad-ops and jgrad-core.
    implementation(platform("dev.jgrad:jgrad-bom:0.1.0-SNAPSHOT"))
    implementation("dev.jgrad:jgrad-nn")
}

java {
    // jgrad's classes are Java 25 class files. Gradle compiles and runs with a JDK 25 it finds on
    // the machine, whatever JDK Gradle itself runs on, or stops saying that it found none.
    toolchain {
        languageVersion = JavaLanguageVersion.of(25)
    }
}

tasks.withType<JavaCompile>().configureEach {
    // jgrad's kernels use the Vector API, an incubator module; javac would warn about it once.
    options.compilerArgs.add("-Xlint:-incubating")
}

application {
    mainClass = "example.XorKeras"
    applicationDefaultJvmArgs = listOf(
        // The Vector API. The JVM then prints "WARNING: Using incubator modules:
        // jdk.incubator.vector": expected, the Vector API is still an incubator module in JDK 25.
        "--add-modules", "jdk.incubator.vector",
        // Optional: large result arrays without clearing them first (faster memory-bound ops).
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        // jgrad calls no native code, so no --enable-native-access is needed.
    )
}
