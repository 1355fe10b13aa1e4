// A user's own Gradle project that uses jgrad from a Maven repository (see README.md beside this file).
rootProject.name = "jgrad-gradle-example"
